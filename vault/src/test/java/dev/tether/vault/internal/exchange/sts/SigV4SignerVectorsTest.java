package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against AWS's published Signature Version 4 test suite: the POST vectors that apply
 * to a query-API call (form bodies, a session token, no query string). Expected values are the
 * suite's, as kept in awslabs/aws-c-auth: {@code tests/aws-signing-test-suite/v4/<name>/} (commit
 * 495329c) and, for the 2015 edition, {@code tests/aws-sig-v4-test-suite/<name>/<name>.authz}
 * (commit 3ce2463^; its post-x-www-form-urlencoded-parameters is left out: its string to sign
 * does not hash its own canonical request, the reason the suite was redone). All use the suite's example key, region us-east-1, service {@code service},
 * 2015-08-30T12:36:00Z, host example.amazonaws.com.
 */
class SigV4SignerVectorsTest {

  private static final SigningCredentials SUITE_KEY =
      new SigningCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
  private static final String SUITE_TOKEN =
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxf"
          + "pSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0"
          + "KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64l"
          + "IZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
  private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
  private static final String SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
  private static final byte[] FORM = "Param1=value1".getBytes(StandardCharsets.UTF_8);

  private final SigV4Signer signer = new SigV4Signer("us-east-1", "service");

  @Test
  void postXWwwFormUrlencoded() {
    SigV4Signer.SignedHeaders signed =
        signer.sign("POST", "/",
            headers("Content-Type", "application/x-www-form-urlencoded",
                "Host", "example.amazonaws.com", "Content-Length", "13"),
            FORM, SUITE_KEY, SUITE_TIME, true);

    assertThat(signed.authorization())
        .isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
            + ", SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,"
            + " Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
    assertThat(signed.contentSha256())
        .isEqualTo("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
    assertThat(signed.amzDate()).isEqualTo("20150830T123600Z");
    assertThat(signed.securityToken()).isNull();
  }

  @Test
  void postXWwwFormUrlencodedParameters() {
    SigV4Signer.SignedHeaders signed =
        signer.sign("POST", "/",
            headers("Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "Host", "example.amazonaws.com", "Content-Length", "13"),
            FORM, SUITE_KEY, SUITE_TIME, true);

    assertThat(signed.authorization())
        .isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
            + ", SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,"
            + " Signature=328d1b9eaadca9f5818ef05e8392801e091653bafec24fcab71e7344e7f51422");
  }

  @Test
  void postStsHeaderBeforeSignsTheSessionToken() {
    SigV4Signer.SignedHeaders signed =
        signer.sign("POST", "/", headers("Host", "example.amazonaws.com"), new byte[0],
            new SigningCredentials(SUITE_KEY.accessKeyId(), SUITE_KEY.secretAccessKey(),
                SUITE_TOKEN),
            SUITE_TIME, false);

    assertThat(signed.authorization())
        .isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
            + ", SignedHeaders=host;x-amz-date;x-amz-security-token,"
            + " Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
    assertThat(signed.securityToken()).isEqualTo(SUITE_TOKEN);
    assertThat(signed.toString()).doesNotContain(SUITE_TOKEN).contains("<redacted>");
  }

  @Test
  void postVanilla() {
    SigV4Signer.SignedHeaders signed =
        signer.sign("POST", "/", headers("Host", "example.amazonaws.com"), new byte[0],
            SUITE_KEY, SUITE_TIME, false);

    assertThat(signed.authorization())
        .isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date,"
            + " Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  }

  /** The 2015 edition: Content-Type and Host signed, the body's hash in the canonical request. */
  @Test
  void postXWwwFormUrlencoded2015Edition() {
    SigV4Signer.SignedHeaders signed =
        signer.sign("POST", "/",
            headers("Content-Type", "application/x-www-form-urlencoded",
                "Host", "example.amazonaws.com"),
            FORM, SUITE_KEY, SUITE_TIME, false);

    assertThat(signed.authorization())
        .isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
            + ", SignedHeaders=content-type;host;x-amz-date,"
            + " Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
  }

  @Test
  void aDifferentBodyOrSecretChangesTheSignature() {
    Map<String, String> headers = headers("Host", "example.amazonaws.com");
    String base = signer.sign("POST", "/", headers, FORM, SUITE_KEY, SUITE_TIME, true)
        .authorization();
    String otherBody = signer.sign("POST", "/", headers,
        "Param1=value2".getBytes(StandardCharsets.UTF_8), SUITE_KEY, SUITE_TIME, true)
        .authorization();
    String otherSecret = signer.sign("POST", "/", headers, FORM,
        new SigningCredentials("AKIDEXAMPLE", "another-secret", null), SUITE_TIME, true)
        .authorization();

    assertThat(otherBody).isNotEqualTo(base);
    assertThat(otherSecret).isNotEqualTo(base);
    assertThat(signer.sign("POST", "/", headers, FORM, SUITE_KEY, SUITE_TIME, true)
        .authorization()).as("the cached day key gives the same signature").isEqualTo(base);
  }

  private static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }
}
