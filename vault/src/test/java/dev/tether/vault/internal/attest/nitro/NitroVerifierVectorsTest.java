package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.NitroVectors.TODAY;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.document;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.expected;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.number;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.offsetTime;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.string;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.timestamp;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.windowEnd;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.windowStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.core.json.JsonBoolean;
import dev.tether.core.json.JsonNull;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.attest.VerifiedEvidence;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every real AWS-signed document, verified at its own timestamp and refused outside its window. */
class NitroVerifierVectorsTest {

  // The vectors include debug-mode enclaves; policy itself is tested in NitroPolicyTest.
  private static final NitroVerifier VERIFIER =
      new NitroVerifier(NitroPolicy.defaults().withDebugAllowed(true));

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void theTestCopyIsTheVectorItClaimsToBe(String name) {
    assertThat(HexFormat.of().formatHex(NitroRoot.sha256(document(name))))
        .isEqualTo(string(expected(name), "sha256"));
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void verifiesAtItsOwnTimestampAndDecodesTheExpectedFields(String name) throws Exception {
    JsonObject expected = expected(name);

    VerifiedEvidence evidence = VERIFIER.verify(document(name), timestamp(name));

    assertThat(evidence.kind()).isEqualTo("nitro");
    assertThat(evidence.workload()).isEqualTo(string(expected, "module_id"));
    assertThat(evidence.issuedAt().toEpochMilli())
        .isEqualTo(Long.parseLong(number(expected, "timestamp_ms")));
    assertThat(evidence.publicKey()).isEqualTo(expectedBytes(expected, "public_key"));
    assertThat(evidence.userData()).isEqualTo(expectedBytes(expected, "user_data"));
    assertThat(evidence.nonce()).isEqualTo(expectedBytes(expected, "nonce"));
    assertThat(evidence.fields()).containsExactlyEntriesOf(expectedFields(expected));
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void verifiesAtBothEndsOfItsChainWindow(String name) throws Exception {
    Instant start = windowStart(name);
    Instant end = windowEnd(name);
    Instant issued = timestamp(name);
    assertThat(issued).isBetween(start, end);
    // The document must not be younger than the instant, so the window's start is out of reach
    // when the document was made later; its timestamp and the window's end are not.
    assertThat(VERIFIER.verify(document(name), end).workload()).isNotEmpty();
    assertThat(VERIFIER.verify(document(name), issued).workload()).isNotEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void isExpiredToday(String name) {
    EvidenceRefused refused = refusal(document(name), TODAY);
    assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(refused.getMessage())
        .contains("has expired", "verified at 2026-11-25T00:00:00Z", "fresh attestation");
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void isExpiredOneSecondAfterItsWindow(String name) {
    EvidenceRefused refused = refusal(document(name), windowEnd(name).plusSeconds(1));
    assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void isNotYetValidOneSecondBeforeItsWindow(String name) {
    EvidenceRefused refused = refusal(document(name), windowStart(name).minusSeconds(1));
    assertThat(refused.reason()).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(refused.getMessage()).contains("is not valid yet", "check the clocks");
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void isNotYetValidBeforeTheAwsRootExisted(String name) {
    EvidenceRefused refused = refusal(document(name), Instant.parse("2019-01-01T00:00:00Z"));
    assertThat(refused.reason()).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(refused.getMessage()).startsWith("the AWS Nitro root is not valid yet");
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void verifiesWrappedInCoseTag18(String name) throws Exception {
    ByteArrayOutputStream tagged = new ByteArrayOutputStream();
    tagged.write(0xD2); // tag 18, COSE_Sign1; the signature does not cover the tag
    tagged.writeBytes(document(name));
    assertThat(VERIFIER.verify(tagged.toByteArray(), timestamp(name)).workload())
        .isEqualTo(string(expected(name), "module_id"));
  }

  static EvidenceRefused refusal(byte[] evidence, Instant at) {
    return refusal(VERIFIER, evidence, at);
  }

  static EvidenceRefused refusal(NitroVerifier verifier, byte[] evidence, Instant at) {
    EvidenceRefused refused =
        catchThrowableOfType(EvidenceRefused.class, () -> verifier.verify(evidence, at));
    assertThat(refused).as("verification must be refused").isNotNull();
    return refused;
  }

  private static byte[] expectedBytes(JsonObject expected, String field) {
    JsonObject value = (JsonObject) expected.get(field);
    if (value.get("value") == JsonNull.INSTANCE) {
      return null; // CBOR null
    }
    byte[] bytes = HexFormat.of().parseHex(string(value, "hex"));
    return bytes.length == 0 ? null : bytes; // empty binds nothing
  }

  private static Map<String, String> expectedFields(JsonObject expected) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("document", "enclave"); // every real vector is a Nitro Enclaves document
    fields.put("module_id", string(expected, "module_id"));
    fields.put(
        "timestamp",
        Instant.ofEpochMilli(Long.parseLong(number(expected, "timestamp_ms"))).toString());
    fields.put("digest", string(expected, "digest"));
    boolean debug = expected.get("debug_mode_pcr0_1_2_all_zero") == JsonBoolean.TRUE;
    fields.put("debug", debug ? "yes" : "no");
    JsonObject pcrs = (JsonObject) expected.get("pcrs");
    for (Map.Entry<String, JsonValue> pcr : pcrs.members().entrySet()) {
      String hex = ((JsonString) pcr.getValue()).value();
      if (!hex.matches("0+")) {
        fields.put("pcr" + pcr.getKey(), hex);
      }
    }
    JsonObject certificate = (JsonObject) expected.get("certificate");
    fields.put("certificate.subject", string(certificate, "subject"));
    fields.put("certificate.not_before", offsetTime(certificate, "not_before").toString());
    fields.put("certificate.not_after", offsetTime(certificate, "not_after").toString());
    for (String field : new String[] {"public_key", "user_data", "nonce"}) {
      fields.put(field, expectedDescription((JsonObject) expected.get(field)));
    }
    return fields;
  }

  // "null", "empty", or up to 64 hex digits, "..." if cut, and the length.
  private static String expectedDescription(JsonObject value) {
    if (value.get("value") == JsonNull.INSTANCE) {
      return "null";
    }
    String hex = string(value, "hex");
    if (hex.isEmpty()) {
      return "empty";
    }
    int length = hex.length() / 2;
    return (hex.length() > 64 ? hex.substring(0, 64) + "..." : hex)
        + " ("
        + length
        + (length == 1 ? " byte)" : " bytes)");
  }
}
