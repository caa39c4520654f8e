package dev.tether.core.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireJsonTest {

  private static final String SECRET = "CANARYsecretKEY0123456789";
  private static final String TOKEN = "CANARYsessionTOKEN0123456789";

  private static final GrantRequest REQUEST =
      new GrantRequest("t-1", "u-1", List.of("org/repo"), List.of("readFile"), 900);

  private static final AwsCredentialsResponse RESPONSE =
      new AwsCredentialsResponse(
          "ASIAEXAMPLE", SECRET, TOKEN, Instant.parse("2025-01-02T03:04:05.123Z"), "iss-1");

  @Test
  void requestUsesSnakeCaseAndRoundTrips() {
    String json = new String(WireJson.write(REQUEST), UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"task_id\":\"t-1\",\"user_id\":\"u-1\",\"repos\":[\"org/repo\"],"
                + "\"tools\":[\"readFile\"],\"lifetime_seconds\":900}");
    assertThat(WireJson.read(json.getBytes(UTF_8), GrantRequest.class)).isEqualTo(REQUEST);
  }

  @Test
  void credentialsRequestCarriesOnlyTheTokenAndRedactsIt() {
    AwsCredentialsRequest request = new AwsCredentialsRequest("tt1.secret-token-text", 900);
    String json = new String(WireJson.write(request), UTF_8);
    assertThat(json).isEqualTo("{\"token\":\"tt1.secret-token-text\",\"duration_seconds\":900}");
    assertThat(WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class)).isEqualTo(request);
    assertThat(request.toString()).doesNotContain("secret-token-text").contains("<redacted>");
    assertThat(
            new RedeemRequest(
                    "tt1.grant-text", "host-1", new Evidence("agentcore", "n-1", "secret-awt"))
                .toString())
        .doesNotContain("grant-text")
        .doesNotContain("secret-awt");
    assertThat(
            new IssuedToken("tt1.task-text", "tk-1", "t-1", Instant.EPOCH, null).toString())
        .doesNotContain("task-text")
        .contains("tk-1");
  }

  @Test
  void redemptionCarriesNestedEvidenceAndTheAnswerItsBinding() {
    RedeemRequest request =
        new RedeemRequest("tt1.g", "host-1", new Evidence("local", "bm9uY2U", "tla1.x.y"));
    String json = new String(WireJson.write(request), UTF_8);
    assertThat(json)
        .isEqualTo("{\"grant\":\"tt1.g\",\"agent\":\"host-1\",\"evidence\":{\"kind\":\"local\","
            + "\"nonce\":\"bm9uY2U\",\"document\":\"tla1.x.y\"}}");
    assertThat(WireJson.read(json.getBytes(UTF_8), RedeemRequest.class)).isEqualTo(request);
    assertThat(WireJson.read("{\"grant\":\"g\",\"agent\":\"a\"}".getBytes(UTF_8),
            RedeemRequest.class).evidence())
        .isNull();

    Binding binding = new Binding("b-1", "nitro", "hardware", Instant.EPOCH,
        Instant.EPOCH.plusSeconds(600));
    IssuedToken issued = new IssuedToken("tt1.t", "tk-1", "t-1", Instant.EPOCH, binding);
    assertThat(WireJson.read(WireJson.write(issued), IssuedToken.class)).isEqualTo(issued);
    assertThat(WireJson.read(WireJson.write(binding), Binding.class)).isEqualTo(binding);
  }

  @Test
  void nestedEvidenceIsCheckedAsStrictlyAsATopLevelRecord() {
    assertThatThrownBy(() -> WireJson.read(("{\"grant\":\"g\",\"agent\":\"a\",\"evidence\":"
                + "{\"kind\":\"local\",\"nonce\":\"n\",\"document\":\"d\",\"extra\":1}}")
            .getBytes(UTF_8), RedeemRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unknown field 'extra' in RedeemRequest.evidence");
    assertThatThrownBy(() -> WireJson.read(
            "{\"grant\":\"g\",\"agent\":\"a\",\"evidence\":\"tla1\"}".getBytes(UTF_8),
            RedeemRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("field 'evidence'")
        .hasMessageContaining("a JSON object");
    assertThatThrownBy(() -> WireJson.read(
            "{\"token\":\"t\",\"evidence\":{\"kind\":\"local\",\"document\":\"d\"}}"
                .getBytes(UTF_8),
            ReattestRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void responseRoundTripsWithIsoInstant() {
    String json = new String(WireJson.write(RESPONSE), UTF_8);
    assertThat(json)
        .contains("\"access_key_id\":\"ASIAEXAMPLE\"")
        .contains("\"expiration\":\"2025-01-02T03:04:05.123Z\"")
        .contains("\"issuance_id\":\"iss-1\"");
    assertThat(WireJson.read(json.getBytes(UTF_8), AwsCredentialsResponse.class))
        .isEqualTo(RESPONSE);
  }

  @Test
  void errorRoundTrips() {
    VaultError error = new VaultError(VaultError.INVALID_REQUEST, "task_id is required");
    assertThat(new String(WireJson.write(error), UTF_8))
        .isEqualTo("{\"error\":\"invalid_request\",\"message\":\"task_id is required\"}");
    assertThat(WireJson.read(WireJson.write(error), VaultError.class)).isEqualTo(error);
  }

  @Test
  void toStringRedactsSecrets() {
    assertThat(RESPONSE.toString())
        .contains("ASIAEXAMPLE", "<redacted>", "iss-1")
        .doesNotContain(SECRET)
        .doesNotContain(TOKEN);
  }

  @Test
  void rejectsUnknownField() {
    String json = "{\"error\":\"x\",\"message\":\"m\",\"extra\":1}";
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), VaultError.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unknown field 'extra' in VaultError")
        .hasMessageContaining("line 1, column")
        .hasMessageContaining("known fields");
  }

  @Test
  void rejectsCamelCaseNames() {
    String json = new String(WireJson.write(REQUEST), UTF_8).replace("task_id", "taskId");
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), GrantRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unknown field 'taskId'");
  }

  @Test
  void missingPrimitiveIsNamed() {
    String json =
        new String(WireJson.write(REQUEST), UTF_8).replace(",\"lifetime_seconds\":900", "");
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), GrantRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("field is missing, null or not a(n) int")
        .hasMessageContaining("lifetime_seconds");
  }

  @Test
  void unknownFieldWinsOverTheErrorItCauses() {
    String json = "{\"task_id\":\"t\",\"userId\":\"u\"}";
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), GrantRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("unknown field 'userId' in GrantRequest; known fields: [")
        .hasMessageContaining("user_id");
  }

  @Test
  void rejectsNumbersWhereStringsBelong() {
    String json = new String(WireJson.write(REQUEST), UTF_8).replace("\"readFile\"", "7");
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), GrantRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("at field 'tools[0]'");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    String json = "{\"error\":\"x\"}";
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), VaultError.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("field 'message' is required");
  }

  @Test
  void badValuesNeverEchoed() {
    String badInstant = responseJson("\"expiration\":\"" + SECRET + "\"");
    assertThatThrownBy(
            () -> WireJson.read(badInstant.getBytes(UTF_8), AwsCredentialsResponse.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("expiration")
        .hasMessageContaining("ISO-8601")
        .hasMessageNotContaining(SECRET)
        .hasNoCause();

    String wrongType =
        responseJson("\"expiration\":\"2025-01-01T00:00:00Z\"")
            .replace("\"" + TOKEN + "\"", "[\"" + TOKEN + "\"]");
    assertThatThrownBy(() -> WireJson.read(wrongType.getBytes(UTF_8), AwsCredentialsResponse.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("session_token")
        .hasMessageNotContaining(TOKEN);

    String brokenSyntax = "{\"secret_access_key\":\"" + SECRET + "\" " + TOKEN + "}";
    assertThatThrownBy(
            () -> WireJson.read(brokenSyntax.getBytes(UTF_8), AwsCredentialsResponse.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("line 1")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(TOKEN);

    String unquotedToken = "{\"session_token\":" + TOKEN + "}";
    assertThatThrownBy(
            () -> WireJson.read(unquotedToken.getBytes(UTF_8), AwsCredentialsResponse.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void rejectsDuplicateFieldsTrailingContentAndCoercion() {
    String duplicate = "{\"error\":\"a\",\"error\":\"b\",\"message\":\"m\"}";
    assertThatThrownBy(() -> WireJson.read(duplicate.getBytes(UTF_8), VaultError.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("at field 'error'");
    String trailing = "{\"error\":\"a\",\"message\":\"m\"} {}";
    assertThatThrownBy(() -> WireJson.read(trailing.getBytes(UTF_8), VaultError.class))
        .isInstanceOf(WireFormatException.class);
    String stringDuration = new String(WireJson.write(REQUEST), UTF_8).replace("900", "\"900\"");
    assertThatThrownBy(
            () -> WireJson.read(stringDuration.getBytes(UTF_8), GrantRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("lifetime_seconds");
  }

  @Test
  void rejectsEmptyAndNullBodies() {
    assertThatThrownBy(() -> WireJson.read(new byte[0], VaultError.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("empty body");
    assertThatThrownBy(() -> WireJson.read("null".getBytes(UTF_8), VaultError.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("JSON null");
  }

  @Test
  void responseFieldOrderIsTheRecordOrder() {
    assertThat(new String(WireJson.write(RESPONSE), UTF_8))
        .isEqualTo(
            "{\"access_key_id\":\"ASIAEXAMPLE\",\"secret_access_key\":\""
                + SECRET
                + "\",\"session_token\":\""
                + TOKEN
                + "\",\"expiration\":\"2025-01-02T03:04:05.123Z\",\"issuance_id\":\"iss-1\"}");
  }

  @Test
  void unknownFieldMessageListsKnownFieldsInOrderWithPosition() {
    String json = "{\"error\":\"x\",\n \"extra\":1,\"message\":\"m\"}";
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), VaultError.class))
        .hasMessage(
            "unknown field 'extra' in VaultError; known fields: [error, message] (line 2, column"
                + " 2)");
    String odd = "{\"a'\\n\u00e9" + "x".repeat(80) + "\":1}";
    assertThatThrownBy(() -> WireJson.read(odd.getBytes(UTF_8), VaultError.class))
        .hasMessageStartingWith("unknown field 'a???" + "x".repeat(60) + "...' in VaultError");
  }

  @Test
  void intFieldRejectsEveryNonInt() {
    String[][] cases = {
      {"900.0", "number has a fraction or exponent; expected an integer"},
      {"9e2", "fraction or exponent; expected an integer"},
      {"2147483648", "number is out of int range (-2147483648 to 2147483647)"},
      {"-2147483649", "out of int range (-2147483648 to 2147483647)"},
      {"99999999999999999999999999", "out of int range (-2147483648 to 2147483647)"},
      {"null", "found null"},
      {"\"900\"", "found a string"},
      {"true", "found a boolean"},
      {"[900]", "found an array"},
      {"{}", "found an object"},
    };
    String valid = new String(WireJson.write(REQUEST), UTF_8);
    for (String[] c : cases) {
      String json = valid.replace("\"lifetime_seconds\":900", "\"lifetime_seconds\":" + c[0]);
      assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), GrantRequest.class))
          .as(c[0])
          .isInstanceOf(WireFormatException.class)
          .hasMessageStartingWith(
              "field is missing, null or not a(n) int in GrantRequest"
                  + " at field 'lifetime_seconds' (line 1, column ")
          .hasMessageEndingWith(c[1]);
    }
    String missing = valid.replace(",\"lifetime_seconds\":900", "");
    assertThatThrownBy(() -> WireJson.read(missing.getBytes(UTF_8), GrantRequest.class))
        .hasMessage(
            "field is missing, null or not a(n) int in GrantRequest"
                + " at field 'lifetime_seconds': the field is absent");
    String negative = valid.replace("900", "-5");
    assertThat(
            WireJson.read(negative.getBytes(UTF_8), GrantRequest.class).lifetimeSeconds())
        .isEqualTo(-5); // range checks are the Vault's, not the wire format's
  }

  @Test
  void stringFieldsRejectOtherTypesNamingFieldAndExpectedType() {
    String json = "{\"error\":7,\"message\":\"m\"}";
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), VaultError.class))
        .hasMessage(
            "field has the wrong type in VaultError at field 'error' (line 1, column 2):"
                + " expected a string, found a number");
    String arrayAsString =
        new String(WireJson.write(REQUEST), UTF_8)
            .replace("[\"readFile\"]", "\"readFile\"");
    assertThatThrownBy(
            () -> WireJson.read(arrayAsString.getBytes(UTF_8), GrantRequest.class))
        .hasMessageContaining("at field 'tools'")
        .hasMessageEndingWith("expected an array of strings, found a string");
    String nested =
        new String(WireJson.write(REQUEST), UTF_8)
            .replace("\"org/repo\"", "\"a\",{\"x\":1}");
    assertThatThrownBy(() -> WireJson.read(nested.getBytes(UTF_8), GrantRequest.class))
        .hasMessageContaining("at field 'repos[1]' (line 1, column ")
        .hasMessageEndingWith("expected a string, found an object");
  }

  @Test
  void nullsBecomeTheRecordsOwnMessages() {
    String nullMessage = "{\"error\":\"x\",\"message\":null}";
    assertThatThrownBy(() -> WireJson.read(nullMessage.getBytes(UTF_8), VaultError.class))
        .hasMessage("VaultError: field 'message' is required");
    String nullElement =
        new String(WireJson.write(REQUEST), UTF_8).replace("[\"readFile\"]", "[null]");
    assertThatThrownBy(
            () -> WireJson.read(nullElement.getBytes(UTF_8), GrantRequest.class))
        .hasMessage("GrantRequest: field 'tools' must not contain null");
    String blank = "{\"error\":\" \",\"message\":\"\"}";
    assertThatThrownBy(() -> WireJson.read(blank.getBytes(UTF_8), VaultError.class))
        .hasMessage("VaultError: field 'error' must not be blank");
  }

  @Test
  void instantMustBeAnIsoString() {
    String number = responseJson("\"expiration\":1735689600");
    assertThatThrownBy(() -> WireJson.read(number.getBytes(UTF_8), AwsCredentialsResponse.class))
        .hasMessageContaining("at field 'expiration'")
        .hasMessageEndingWith(
            "expected an ISO-8601 instant such as 2025-01-01T00:00:00Z (a string), found a number");
    String dateOnly = responseJson("\"expiration\":\"2025-01-01\"");
    assertThatThrownBy(() -> WireJson.read(dateOnly.getBytes(UTF_8), AwsCredentialsResponse.class))
        .hasMessageStartingWith(
            "field has the wrong format in AwsCredentialsResponse at field 'expiration' (line 1");
    String offset = responseJson("\"expiration\":\"2025-01-01T01:00:00+01:00\"");
    assertThat(WireJson.read(offset.getBytes(UTF_8), AwsCredentialsResponse.class).expiration())
        .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Test
  void topLevelMustBeOneObject() {
    assertThatThrownBy(() -> WireJson.read("[]".getBytes(UTF_8), VaultError.class))
        .hasMessage("expected a JSON object for VaultError, found an array");
    assertThatThrownBy(() -> WireJson.read("\"x\"".getBytes(UTF_8), VaultError.class))
        .hasMessage("expected a JSON object for VaultError, found a string");
    assertThatThrownBy(() -> WireJson.read("  ".getBytes(UTF_8), VaultError.class))
        .hasMessage(
            "malformed JSON for VaultError: empty input;"
                + " expected a value (object, array, string, number, true, false or null)"
                + " (line 1, column 3)");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    assertThatThrownBy(() -> WireJson.read(bom, VaultError.class))
        .hasMessageStartingWith("malformed JSON for VaultError: byte order mark");
  }

  @Test
  void duplicateFieldMessageIsExact() {
    String duplicate = "{\"error\":\"a\",\"error\":\"b\",\"message\":\"m\"}";
    assertThatThrownBy(() -> WireJson.read(duplicate.getBytes(UTF_8), VaultError.class))
        .hasMessage(
            "malformed JSON for VaultError: duplicate field name at field 'error' (line 1, column"
                + " 14)");
  }

  @Test
  void deepOrHugeBodiesFailCleanly() {
    String deep = "{\"error\":" + "[".repeat(1000) + "]".repeat(1000) + ",\"message\":\"m\"}";
    assertThatThrownBy(() -> WireJson.read(deep.getBytes(UTF_8), VaultError.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("malformed JSON for VaultError: nested deeper than 64 levels");
    byte[] huge = new byte[2 << 20];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThatThrownBy(() -> WireJson.read(huge, VaultError.class))
        .hasMessage(
            "malformed JSON for VaultError: input is 2097152 bytes, over the limit of 1048576");
  }

  @Test
  void unicodeSurvivesTheRoundTrip() {
    VaultError error = new VaultError("x", "é € 😀 \"q\" \\ \n \u0001 / \u2028");
    byte[] json = WireJson.write(error);
    assertThat(new String(json, UTF_8)).contains("\\u0001").contains("😀");
    assertThat(WireJson.read(json, VaultError.class)).isEqualTo(error);
    String escaped = "{\"error\":\"x\",\"message\":\"\\uD83D\\uDE00\\u00e9\"}";
    assertThat(WireJson.read(escaped.getBytes(UTF_8), VaultError.class).message()).isEqualTo("😀é");
  }

  @Test
  void unpairedSurrogateCannotBeWritten() {
    VaultError error = new VaultError("x", "half \uD83D of a pair");
    assertThatThrownBy(() -> WireJson.write(error))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("cannot write VaultError as JSON: string has an unpaired UTF-16");
  }

  @Test
  void onlyWireRecordsAreSupported() {
    assertThatThrownBy(() -> WireJson.write(java.util.Map.of("status", "ok")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WireJson cannot map java.util.")
        .hasMessageContaining("records of dev.tether.core.wire");
    assertThatThrownBy(() -> WireJson.write(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write null");
    assertThatThrownBy(() -> WireJson.read("{}".getBytes(UTF_8), String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WireJson cannot map java.lang.String");
  }

  @Test
  void issuedTokenCarriesItsSessionProofKeyAndRoundTrips() {
    String proofKey = "CANARYproofKEY0123456789abcdefghijklmnopqrs"; // 43 characters, as 32 bytes
    Binding binding = new Binding("b-1", "nitro", "hardware", Instant.EPOCH,
        Instant.EPOCH.plusSeconds(600));
    IssuedToken issued =
        new IssuedToken("tt1.t", "tk-1", "t-1", Instant.EPOCH, binding, "k1", proofKey);

    String json = new String(WireJson.write(issued), UTF_8);
    assertThat(json)
        .contains("\"proof_key_id\":\"k1\"")
        .contains("\"proof_key\":\"" + proofKey + "\"")
        .endsWith("\"proof_key_id\":\"k1\",\"proof_key\":\"" + proofKey + "\"}");
    IssuedToken read = WireJson.read(json.getBytes(UTF_8), IssuedToken.class);
    assertThat(read).isEqualTo(issued);
    assertThat(read.proofKeyId()).isEqualTo("k1");
    assertThat(read.proofKey()).isEqualTo(proofKey);

    // Without them (a grant, or a redemption that gave no session key): neither is written.
    IssuedToken plain = new IssuedToken("tt1.t", "tk-1", "t-1", Instant.EPOCH, binding);
    String plainJson = new String(WireJson.write(plain), UTF_8);
    assertThat(plainJson).doesNotContain("proof_key");
    assertThat(WireJson.read(plainJson.getBytes(UTF_8), IssuedToken.class)).isEqualTo(plain);
    assertThat(WireJson.read(plainJson.getBytes(UTF_8), IssuedToken.class).proofKey()).isNull();
    // Explicit nulls read as absent.
    String nulls = plainJson.substring(0, plainJson.length() - 1)
        + ",\"proof_key_id\":null,\"proof_key\":null}";
    assertThat(WireJson.read(nulls.getBytes(UTF_8), IssuedToken.class)).isEqualTo(plain);
  }

  @Test
  void issuedTokenWithOnlyOneOfTheProofKeyFieldsIsRefused() {
    String secret = "CANARYproofKEY0123456789abcdefghijklmnopqrs";
    String base = "{\"token\":\"tt1.t\",\"token_id\":\"tk-1\",\"task_id\":\"t-1\","
        + "\"expires_at\":\"1970-01-01T00:00:00Z\"";

    assertThatThrownBy(() -> WireJson.read((base + ",\"proof_key\":\"" + secret + "\"}")
            .getBytes(UTF_8), IssuedToken.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("'proof_key' and 'proof_key_id' come together")
        .hasMessageContaining("only 'proof_key'")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> WireJson.read((base + ",\"proof_key_id\":\"k1\"}")
            .getBytes(UTF_8), IssuedToken.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("only 'proof_key_id'");
    assertThatThrownBy(() -> WireJson.read((base + ",\"proof_key_id\":\"k1\",\"proof_key\":null}")
            .getBytes(UTF_8), IssuedToken.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("only 'proof_key_id'");
    assertThatThrownBy(() -> new IssuedToken("tt1.t", "tk-1", "t-1", Instant.EPOCH, null, null,
            secret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("come together")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> new IssuedToken("tt1.t", "tk-1", "t-1", Instant.EPOCH, null, "k1",
            null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 'proof_key_id'");
    // A proof_key of the wrong JSON type is named, never echoed.
    assertThatThrownBy(() -> WireJson.read((base + ",\"proof_key_id\":\"k1\",\"proof_key\":["
            + "\"" + secret + "\"]}").getBytes(UTF_8), IssuedToken.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("proof_key")
        .hasMessageNotContaining(secret);
  }

  @Test
  void issuedTokenNeverShowsItsProofKey() {
    String secret = "CANARYproofKEY0123456789abcdefghijklmnopqrs";
    IssuedToken issued =
        new IssuedToken("tt1.task-text", "tk-1", "t-1", Instant.EPOCH, null, "k1", secret);

    assertThat(issued.toString())
        .doesNotContain(secret)
        .doesNotContain("CANARY")
        .doesNotContain("task-text")
        .contains("tk-1")
        .contains("proofKeyId=k1")
        .contains("proofKey=<redacted>");
  }

  private static String responseJson(String expirationMember) {
    return "{\"access_key_id\":\"ASIA\",\"secret_access_key\":\""
        + SECRET
        + "\",\"session_token\":\""
        + TOKEN
        + "\","
        + expirationMember
        + ",\"issuance_id\":\"i\"}";
  }
}
