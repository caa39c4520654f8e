package dev.tether.vault.internal.attest.ec2iid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON inside the signature, read strictly. The real documents come from the vectors; the
 * edited ones show what a future AWS field, or a broken document, does.
 */
class IdentityDocumentTest {

  private static final String MINIMAL =
      "{\"accountId\":\"123456789012\",\"instanceId\":\"i-0123456789abcdef0\","
          + "\"region\":\"eu-west-1\",\"pendingTime\":\"2026-01-02T03:04:05Z\"";

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void readsTheRealDocuments(IidVectors vector) throws Exception {
    IdentityDocument document = IdentityDocument.parse(vector.document());
    assertThat(document.region()).isEqualTo(vector.region);
    assertThat(document.pendingTime()).isEqualTo(vector.pendingTime());
    assertThat(document.fields()).doesNotContainValue("null").doesNotContainKey("kernelId");
    assertThat(document.fields().keySet()).startsWith("accountId", "region", "availabilityZone");
  }

  @Test
  void keepsFieldsAwsAddsLaterInDocumentOrder() throws Exception {
    IdentityDocument document =
        parse(
            MINIMAL
                + ",\"zeta\":\"z\",\"nested\":{\"a\":[1,2]},\"count\":3,\"flag\":true,"
                + "\"gone\":null,\"billingProducts\":[\"bp-6ba54002\",\"bp-1\"]}");
    assertThat(document.fields())
        .containsEntry("zeta", "z")
        .containsEntry("nested", "{\"a\":[1,2]}")
        .containsEntry("count", "3")
        .containsEntry("flag", "true")
        .containsEntry("billingProducts", "bp-6ba54002,bp-1")
        .doesNotContainKey("gone");
    assertThat(document.fields().keySet()).containsSequence("zeta", "nested", "count", "flag");
    assertThat(document.instanceId()).isEqualTo("i-0123456789abcdef0");
    assertThat(document.pendingTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"accountId", "instanceId", "region", "pendingTime"})
  void refusesADocumentWithoutARequiredField(String field) {
    String json = MINIMAL.replace("\"" + field + "\"", "\"other\"") + "}";
    assertThatThrownBy(() -> parse(json)).hasMessage("field " + field + " is missing");
  }

  @Test
  void aNullRequiredFieldIsMissing() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("\"eu-west-1\"", "null") + "}"))
        .hasMessage("field region is missing");
  }

  @Test
  void refusesWrongTypes() {
    assertThatThrownBy(() -> parse(MINIMAL + ",\"imageId\":7}"))
        .hasMessage("field imageId is NUMBER, not a string");
    assertThatThrownBy(() -> parse(MINIMAL + ",\"billingProducts\":\"bp\"}"))
        .hasMessage("field billingProducts is STRING, not a list");
    assertThatThrownBy(() -> parse(MINIMAL + ",\"billingProducts\":[1]}"))
        .hasMessage("field billingProducts holds a NUMBER, not a string");
  }

  @Test
  void refusesValuesThatAreNotWhatAwsWrites() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("eu-west-1", "EU WEST") + "}"))
        .hasMessageContaining("region is not an AWS region name");
    assertThatThrownBy(() -> parse(MINIMAL.replace("i-0123456789abcdef0", "web-1") + "}"))
        .hasMessageContaining("instanceId is not an EC2 instance id");
    assertThatThrownBy(() -> parse(MINIMAL.replace("123456789012", "12345") + "}"))
        .hasMessageContaining("accountId is not a 12-digit");
    assertThatThrownBy(() -> parse(MINIMAL.replace("2026-01-02T03:04:05Z", "yesterday") + "}"))
        .hasMessageContaining("pendingTime is not an ISO-8601");
  }

  @Test
  void refusesJsonThatIsNotStrictlyOneObject() {
    assertThatThrownBy(() -> parse(MINIMAL + ",\"region\":\"us-east-1\"}"))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse(MINIMAL + "} {}")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse(MINIMAL + ",}")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("[" + MINIMAL + "}]"))
        .hasMessage("the signed content is not a JSON object");
    assertThatThrownBy(() -> parse("")).hasMessage("the signed content is not a JSON object");
    assertThatThrownBy(
            () -> IdentityDocument.parse(new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}))
        .hasMessage("the signed content is not UTF-8 text");
  }

  private static IdentityDocument parse(String json) throws IdentityDocument.BadDocument {
    return IdentityDocument.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
