package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/** The form bodies, byte for byte as the AWS SDK's StsClient marshals the same requests. */
class StsFormsTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/tether-tool";
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
          + "\"Resource\":[\"arn:aws:s3:::work/task 1/*\"],\"Condition\":{\"StringEquals\":"
          + "{\"aws:SourceVpce\":\"vpce-0abc\"}}}]}";

  @Test
  void assumeRoleIsWhatTheSdkSends() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("task_id", "task-1");
    tags.put("user_id", "alice+bob@example.com");
    tags.put("repo", "github.com/acme/app,github.com/acme/lib");
    tags.put("tool", "fetch sources é");

    String ours = StsForms.assumeRole(ROLE, "tether-fetch-1a2b3c4d", POLICY, tags,
        "tether-alice", 1200);

    List<Tag> sdkTags = new ArrayList<>();
    tags.forEach((k, v) -> sdkTags.add(Tag.builder().key(k).value(v).build()));
    String sdk = sdkBody(sts -> sts.assumeRole(AssumeRoleRequest.builder().roleArn(ROLE)
        .roleSessionName("tether-fetch-1a2b3c4d").policy(POLICY).tags(sdkTags)
        .sourceIdentity("tether-alice").durationSeconds(1200).build()));
    assertThat(ours).isEqualTo(sdk);
  }

  @Test
  void assumeRoleWithoutTagsOrSourceIdentityLeavesThemOut() {
    String ours = StsForms.assumeRole(ROLE, "s", "{}", Map.of(), null, 900);

    assertThat(ours).isEqualTo("Action=AssumeRole&Version=2011-06-15"
        + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Ftether-tool&RoleSessionName=s"
        + "&Policy=%7B%7D&DurationSeconds=900");
  }

  @Test
  void assumeRoleWithWebIdentityIsWhatTheSdkSends() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXRoZXIifQ.c2ln-_";

    String ours = StsForms.assumeRoleWithWebIdentity(ROLE, "tether-x", jwt, POLICY, 900);

    String sdk = sdkBody(sts -> sts.assumeRoleWithWebIdentity(
        AssumeRoleWithWebIdentityRequest.builder().roleArn(ROLE).roleSessionName("tether-x")
            .webIdentityToken(jwt).policy(POLICY).durationSeconds(900).build()));
    assertThat(ours).isEqualTo(sdk);
  }

  @Test
  void everyValueDecodesBackUnchanged() {
    String awkward = "a b+c/d=e&f%g~h*i'j\"k\u00e9\u20ac\ud83d\ude00\n";
    String form = StsForms.assumeRole(ROLE, "s", awkward, Map.of("k", awkward), awkward, 900);

    Map<String, String> decoded = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      decoded.put(pair.substring(0, eq),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    assertThat(decoded)
        .containsEntry("Policy", awkward)
        .containsEntry("Tags.member.1.Key", "k")
        .containsEntry("Tags.member.1.Value", awkward)
        .containsEntry("SourceIdentity", awkward);
    assertThat(form).doesNotContain(" ").contains("+").contains("%2B").contains("%7E");
  }

  @Test
  void refusesAMissingRoleOrSessionName() {
    assertThatThrownBy(() -> StsForms.assumeRole(null, "s", "{}", Map.of(), null, 900))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RoleArn");
    assertThatThrownBy(() -> StsForms.assumeRoleWithWebIdentity(ROLE, "", "t", "{}", 900))
        .hasMessageContaining("RoleSessionName");
  }

  /** The body the real StsClient would send, caught before transmission. */
  private static String sdkBody(java.util.function.Consumer<StsClient> call) {
    AtomicReference<String> body = new AtomicReference<>();
    ExecutionInterceptor capture = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context,
          ExecutionAttributes attributes) {
        var request = (software.amazon.awssdk.http.SdkHttpFullRequest) context.httpRequest();
        try (var in = request.contentStreamProvider().orElseThrow().newStream()) {
          body.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        throw new Captured();
      }
    };
    try (StsClient sts = StsClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(capture))
        .build()) {
      call.accept(sts);
    } catch (Captured expected) {
      // the body is caught; nothing was sent
    }
    assertThat(body.get()).as("the SDK marshalled a body").isNotNull();
    return body.get();
  }

  private static final class Captured extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
