package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The signer against the AWS SDK's own ({@link AwsV4HttpSigner}) for random AssumeRole requests:
 * random policies, tags and source identities (ASCII and beyond), random keys with and without a
 * session token, random times, three endpoints. Every header the SDK's signer adds must come out
 * the same, the {@code Authorization} header first of all.
 */
class SigV4SignerSdkCrossCheckTest {

  private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
  private static final List<URI> ENDPOINTS =
      List.of(
          URI.create("http://127.0.0.1:41234/sts"),
          URI.create("https://sts.us-east-1.amazonaws.com"),
          URI.create("https://sts.eu-west-1.amazonaws.com/"));

  @Test
  void signsEveryRandomRequestAsTheSdkDoes() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      StsEndpoint endpoint = StsEndpoint.of(ENDPOINTS.get(random.nextInt(ENDPOINTS.size())));
      String form = randomForm(random);
      byte[] body = form.getBytes(StandardCharsets.UTF_8);
      String token = random.nextBoolean() ? randomBase64(random) : null;
      SigningCredentials key =
          new SigningCredentials(
              "ASIA" + randomText(random, 16, 16, false).toUpperCase(java.util.Locale.ROOT),
              randomText(random, 40, 40, true).strip() + "k", // the SDK trims keys too
              token);
      Instant time = Instant.ofEpochSecond(1_500_000_000L + random.nextInt(400_000_000));

      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", CONTENT_TYPE);
      headers.put("Host", endpoint.hostHeader());
      SigV4Signer.SignedHeaders ours =
          new SigV4Signer(endpoint.region(), "sts")
              .sign("POST", endpoint.rawPath(), headers, body, key, time, true);
      SdkHttpRequest sdk = sdkSigned(endpoint, form, key, time);

      String what = "request " + i + " (seed " + seed + ") to " + endpoint;
      assertThat(ours.amzDate()).as(what).isEqualTo(header(sdk, "X-Amz-Date"));
      assertThat(ours.contentSha256()).as(what).isEqualTo(header(sdk, "x-amz-content-sha256"));
      assertThat(ours.authorization()).as(what).isEqualTo(header(sdk, "Authorization"));
      assertThat(ours.securityToken()).as(what).isEqualTo(header(sdk, "X-Amz-Security-Token"));
      assertThat(endpoint.hostHeader()).as(what).isEqualTo(header(sdk, "Host"));
    }
  }

  private static SdkHttpRequest sdkSigned(
      StsEndpoint endpoint, String form, SigningCredentials key, Instant time) {
    AwsCredentialsIdentity identity =
        key.sessionToken() == null
            ? AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey())
            : AwsSessionCredentialsIdentity.create(
                key.accessKeyId(), key.secretAccessKey(), key.sessionToken());
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(endpoint.uri())
                                .putHeader("Content-Type", CONTENT_TYPE)
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(form))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region())
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC)));
    return signed.request();
  }

  private static String header(SdkHttpRequest request, String name) {
    return request.firstMatchingHeader(name).orElse(null);
  }

  private static String randomForm(Random random) {
    Map<String, String> tags = new LinkedHashMap<>();
    int count = random.nextInt(6);
    for (int t = 0; t < count; t++) {
      tags.put(randomText(random, 1, 20, true), randomText(random, 0, 60, true));
    }
    return StsForms.assumeRole(
        "arn:aws:iam::123456789012:role/" + randomText(random, 1, 30, false),
        "tether-" + randomText(random, 1, 30, false),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::" + randomText(random, 1, 200, true) + "\"}]}",
        tags,
        random.nextBoolean() ? "tether-" + randomText(random, 1, 20, false) : null,
        900 + random.nextInt(2701));
  }

  private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String WIDE = PLAIN + " +/=,.@-_:~*&%${}[]\"'é€漢😀\t";

  // Session tokens are base64 text.
  private static String randomBase64(Random random) {
    byte[] bytes = new byte[30 + random.nextInt(400)];
    random.nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  private static String randomText(Random random, int min, int max, boolean wide) {
    String alphabet = wide ? WIDE : PLAIN;
    int length = min + random.nextInt(max - min + 1);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      int at = random.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        text.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        text.append(c);
      }
    }
    return text.toString();
  }
}
