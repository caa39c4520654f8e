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

  private static final AwsCredentialsRequest REQUEST =
      new AwsCredentialsRequest(
          "t-1",
          "u-1",
          "org/repo",
          "readFile",
          "call-1",
          "turn-1",
          List.of("s3:GetObject"),
          List.of("arn:aws:s3:::b/t-1/*"),
          900);

  private static final AwsCredentialsResponse RESPONSE =
      new AwsCredentialsResponse(
          "ASIAEXAMPLE", SECRET, TOKEN, Instant.parse("2025-01-02T03:04:05.123Z"), "iss-1");

  @Test
  void requestUsesSnakeCaseAndRoundTrips() {
    String json = new String(WireJson.write(REQUEST), UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"task_id\":\"t-1\",\"user_id\":\"u-1\",\"repo\":\"org/repo\",\"tool\":\"readFile\","
                + "\"call_id\":\"call-1\",\"turn_id\":\"turn-1\",\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"arn:aws:s3:::b/t-1/*\"],\"duration_seconds\":900}");
    assertThat(WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class)).isEqualTo(REQUEST);
  }

  @Test
  void turnIdMayBeNullOrMissing() {
    String json =
        "{\"task_id\":\"t\",\"user_id\":\"u\",\"repo\":\"r\",\"tool\":\"x\",\"call_id\":\"c\","
            + "\"actions\":[],\"resources\":[],\"duration_seconds\":900}";
    assertThat(WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class).turnId()).isNull();
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
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unknown field 'taskId'");
  }

  @Test
  void missingPrimitiveIsNamed() {
    String json =
        new String(WireJson.write(REQUEST), UTF_8).replace(",\"duration_seconds\":900", "");
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("field is missing, null or not a(n) int")
        .hasMessageContaining("duration_seconds");
  }

  @Test
  void unknownFieldWinsOverTheErrorItCauses() {
    String json = "{\"task_id\":\"t\",\"userId\":\"u\"}";
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("unknown field 'userId' in AwsCredentialsRequest; known fields: [")
        .hasMessageContaining("user_id");
  }

  @Test
  void rejectsNumbersWhereStringsBelong() {
    String json = new String(WireJson.write(REQUEST), UTF_8).replace("\"s3:GetObject\"", "7");
    assertThatThrownBy(() -> WireJson.read(json.getBytes(UTF_8), AwsCredentialsRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("at field 'actions[0]'");
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

    String wrongType = responseJson("\"expiration\":\"2025-01-01T00:00:00Z\"")
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
    String stringDuration =
        new String(WireJson.write(REQUEST), UTF_8).replace("900", "\"900\"");
    assertThatThrownBy(
            () -> WireJson.read(stringDuration.getBytes(UTF_8), AwsCredentialsRequest.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("duration_seconds");
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
