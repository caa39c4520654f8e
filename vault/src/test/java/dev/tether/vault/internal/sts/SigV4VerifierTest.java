package dev.tether.vault.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier against vectors of the AWS Signature Version 4 test suite (credentials AKIDEXAMPLE,
 * 2015-08-30T12:36:00Z, us-east-1, service "service").
 */
class SigV4VerifierTest {

  private static final String AKID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
  private static final String SCOPE =
      "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

  static List<Arguments> vectors() {
    return List.of(
        Arguments.of(
            "get-vanilla",
            "GET",
            "/",
            null,
            Map.of(),
            "",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Arguments.of(
            "post-vanilla",
            "POST",
            "/",
            null,
            Map.of(),
            "",
            "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Arguments.of(
            "get-vanilla-query-order-key-case",
            "GET",
            "/",
            "Param2=value2&Param1=value1",
            Map.of(),
            "",
            "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Arguments.of(
            "get-header-value-trim",
            "GET",
            "/",
            null,
            Map.of("My-Header1", " value1", "My-Header2", " \"a   b   c\""),
            "",
            "host;my-header1;my-header2;x-amz-date",
            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Arguments.of(
            "post-x-www-form-urlencoded",
            "POST",
            "/",
            null,
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "Param1=value1",
            "content-type;host;x-amz-date",
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void acceptsTheAwsTestSuiteSignature(
      String name,
      String method,
      String path,
      String query,
      Map<String, String> extraHeaders,
      String body,
      String signedHeaders,
      String signature)
      throws StsFault {
    SignedRequest request =
        request(method, path, query, extraHeaders, body, signedHeaders, signature);

    assertThat(verifier(SIGNED_AT.plusSeconds(60)).verify(request)).isEqualTo(AKID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void refusesTheSameRequestWithOneSignatureDigitChanged(
      String name,
      String method,
      String path,
      String query,
      Map<String, String> extraHeaders,
      String body,
      String signedHeaders,
      String signature) {
    String tampered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    SignedRequest request =
        request(method, path, query, extraHeaders, body, signedHeaders, tampered);

    assertThatThrownBy(() -> verifier(SIGNED_AT).verify(request))
        .isInstanceOfSatisfying(
            StsFault.class, f -> assertThat(f.code()).isEqualTo("SignatureDoesNotMatch"));
  }

  @Test
  void refusesABodyChangedAfterSigning() {
    SignedRequest request =
        request(
            "POST",
            "/",
            null,
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "Param1=value2",
            "content-type;host;x-amz-date",
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");

    assertThatThrownBy(() -> verifier(SIGNED_AT).verify(request))
        .isInstanceOfSatisfying(
            StsFault.class,
            f -> {
              assertThat(f.code()).isEqualTo("SignatureDoesNotMatch");
              assertThat(f.status()).isEqualTo(403);
            });
  }

  @Test
  void refusesAnUnknownAccessKey() {
    SigV4Verifier verifier =
        new SigV4Verifier(
            "service", akid -> Optional.empty(), clockAt(SIGNED_AT), Duration.ofMinutes(15));

    assertThatThrownBy(() -> verifier.verify(getVanilla()))
        .isInstanceOfSatisfying(
            StsFault.class,
            f -> {
              assertThat(f.code()).isEqualTo("InvalidClientTokenId");
              assertThat(f.status()).isEqualTo(403);
              assertThat(f.getMessage()).contains(AKID).doesNotContain(SECRET);
            });
  }

  @Test
  void refusesASignatureOlderThanFifteenMinutes() {
    assertThatThrownBy(() -> verifier(SIGNED_AT.plus(Duration.ofMinutes(16))).verify(getVanilla()))
        .isInstanceOfSatisfying(
            StsFault.class,
            f -> {
              assertThat(f.code()).isEqualTo("SignatureDoesNotMatch");
              assertThat(f.getMessage()).startsWith("Signature expired: 20150830T123600Z");
            });
  }

  @Test
  void refusesASignatureDatedMoreThanFifteenMinutesAhead() {
    assertThatThrownBy(() -> verifier(SIGNED_AT.minus(Duration.ofMinutes(16))).verify(getVanilla()))
        .isInstanceOfSatisfying(
            StsFault.class,
            f -> assertThat(f.getMessage()).startsWith("Signature not yet current"));
  }

  @Test
  void refusesACredentialScopedToAnotherService() {
    SigV4Verifier stsOnly =
        new SigV4Verifier(
            "sts", akid -> Optional.of(SECRET), clockAt(SIGNED_AT), Duration.ofMinutes(15));

    assertThatThrownBy(() -> stsOnly.verify(getVanilla()))
        .isInstanceOfSatisfying(
            StsFault.class, f -> assertThat(f.getMessage()).contains("correct service: 'sts'"));
  }

  @Test
  void refusesARequestWithoutAuthorization() {
    SignedRequest unsigned =
        new SignedRequest(
            "POST", "/", null, Map.of("Host", List.of("example.amazonaws.com")), new byte[0]);

    assertThatThrownBy(() -> verifier(SIGNED_AT).verify(unsigned))
        .isInstanceOfSatisfying(
            StsFault.class, f -> assertThat(f.code()).isEqualTo("MissingAuthenticationToken"));
  }

  @Test
  void refusesAMalformedAuthorizationHeader() {
    SignedRequest request =
        new SignedRequest(
            "GET",
            "/",
            null,
            Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 " + SCOPE + ", Signature=abc")),
            new byte[0]);

    assertThatThrownBy(() -> verifier(SIGNED_AT).verify(request))
        .isInstanceOfSatisfying(
            StsFault.class,
            f -> {
              assertThat(f.code()).isEqualTo("IncompleteSignature");
              assertThat(f.getMessage()).contains("SignedHeaders");
            });
  }

  @Test
  void canonicalUriEncodesThePathOnceMoreAsTheSdkSignsNonS3Services() {
    assertThat(Canonical.uri("/sts/")).isEqualTo("/sts/");
    assertThat(Canonical.uri("/")).isEqualTo("/");
    assertThat(Canonical.uri("/a%20b")).isEqualTo("/a%2520b");
  }

  private static SignedRequest getVanilla() {
    return request(
        "GET",
        "/",
        null,
        Map.of(),
        "",
        "host;x-amz-date",
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  private static SignedRequest request(
      String method,
      String path,
      String query,
      Map<String, String> extraHeaders,
      String body,
      String signedHeaders,
      String signature) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("example.amazonaws.com"));
    headers.put("X-Amz-Date", List.of("20150830T123600Z"));
    extraHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
    headers.put(
        "Authorization",
        List.of(
            "AWS4-HMAC-SHA256 "
                + SCOPE
                + ", SignedHeaders="
                + signedHeaders
                + ", Signature="
                + signature));
    return new SignedRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static SigV4Verifier verifier(Instant now) {
    return new SigV4Verifier(
        "service",
        akid -> akid.equals(AKID) ? Optional.of(SECRET) : Optional.empty(),
        clockAt(now),
        Duration.ofMinutes(15));
  }

  private static Clock clockAt(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }
}
