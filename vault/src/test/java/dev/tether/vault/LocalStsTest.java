package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.vault.internal.sts.RootCredential;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/** The local STS as AWS SDK clients see it, on {@code url()/sts}. */
class LocalStsTest {

  private static final AwsScope SCOPE =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::work/task-1/*"));

  private TetherVault vault;
  private RootCredential root;

  @BeforeEach
  void start() {
    vault = TetherVault.start(VaultSettings.localDefaults());
    root = vault.localRootCredential();
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void issuesASessionToTheSdkSignedWithTheRootKey() {
    AssumeRoleResponse response;
    try (StsClient sts = sts(root.accessKeyId(), root.secretAccessKey())) {
      response =
          sts.assumeRole(
              assumeRole(
                  r ->
                      r.durationSeconds(1200)
                          .tags(tag("task_id", "task-1"), tag("repo", "github.com/acme/app"))
                          .sourceIdentity("tether-alice")));
    }

    assertThat(response.credentials().accessKeyId()).matches("ASIA[A-Z0-9]{16}");
    assertThat(response.credentials().expiration())
        .isBetween(Instant.now().plusSeconds(1190), Instant.now().plusSeconds(1201));
    assertThat(response.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/tether-tool/tether-test-session");
    assertThat(response.assumedRoleUser().assumedRoleId())
        .matches("AROA[A-Z2-7]{17}:tether-test-session");
    assertThat(response.sourceIdentity()).isEqualTo("tether-alice");
    assertThat(response.responseMetadata().requestId()).isNotBlank();

    LocalSession session = vault.localSession(response.credentials().accessKeyId()).orElseThrow();
    assertThat(session.secretAccessKey()).isEqualTo(response.credentials().secretAccessKey());
    assertThat(session.sessionToken()).isEqualTo(response.credentials().sessionToken());
    assertThat(session.scope()).isEqualTo(SCOPE);
    assertThat(session.tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("task_id", "task-1", "repo", "github.com/acme/app"));
    assertThat(vault.issuances()).as("only exchanges through the Vault are issuances").isEmpty();
  }

  @Test
  void refusesARequestSignedWithAWrongSecret() {
    // One character changed; never the same character (the secret is random).
    String secret = root.secretAccessKey();
    String wrongSecret = (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1);

    StsException e = assumeRoleFails(root.accessKeyId(), wrongSecret, r -> {});

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).doesNotContain(wrongSecret).doesNotContain(root.secretAccessKey());
  }

  @Test
  void refusesAnUnknownAccessKey() {
    StsException e =
        assumeRoleFails(
            "AKIAUNKNOWN000000000", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", r -> {});

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
  }

  @Test
  void refusesSessionCredentialsItIssuedAsCallers() {
    AssumeRoleResponse issued;
    try (StsClient sts = sts(root.accessKeyId(), root.secretAccessKey())) {
      issued = sts.assumeRole(assumeRole(r -> {}));
    }

    StsException e =
        assumeRoleFails(
            issued.credentials().accessKeyId(), issued.credentials().secretAccessKey(), r -> {});

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
  }

  @Test
  void checksParametersAsStsDoes() {
    assertThat(code(r -> r.policy(null))).isEqualTo("ValidationError");
    assertThat(code(r -> r.policy("{\"Version\":\"2012-10-17\",\"Statement\":[]}")))
        .isEqualTo("MalformedPolicyDocument");
    assertThat(code(r -> r.policy("not json"))).isEqualTo("MalformedPolicyDocument");
    assertThat(code(r -> r.policy(" ".repeat(2049)))).isEqualTo("ValidationError");
    assertThat(code(r -> r.durationSeconds(899))).isEqualTo("ValidationError");
    assertThat(code(r -> r.durationSeconds(3601))).isEqualTo("ValidationError");
    assertThat(code(r -> r.roleSessionName("has space"))).isEqualTo("ValidationError");
    assertThat(code(r -> r.sourceIdentity("aws:me"))).isEqualTo("ValidationError");
    assertThat(code(r -> r.tags(tag("k", "v<>")))).isEqualTo("ValidationError");
    assertThat(code(r -> r.tags(tag("k", "1"), tag("K", "2")))).isEqualTo("InvalidParameterValue");
    assertThat(
            code(
                r ->
                    r.policyArns(
                        PolicyDescriptorType.builder()
                            .arn("arn:aws:iam::aws:policy/ReadOnlyAccess")
                            .build())))
        .isEqualTo("ValidationError");
    assertThat(code(r -> r.roleArn("arn:aws:iam::000000000000:role/admin")))
        .isEqualTo("AccessDenied");
  }

  @Test
  void answersPlainHttpOnSlashStsInStsXml() throws Exception {
    URI sts = URI.create(vault.url() + "/sts");
    String body = form(SessionPolicy.toJson(SCOPE));

    HttpResponse<String> ok = send(sts, body, root.secretAccessKey(), Clock.systemUTC(), body);
    HttpResponse<String> stale =
        send(
            sts,
            body,
            root.secretAccessKey(),
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)),
            body);
    HttpResponse<String> swapped =
        send(sts, body, root.secretAccessKey(), Clock.systemUTC(), body.replace("900", "901"));

    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type")).contains("text/xml");
    assertThat(ok.body())
        .contains("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .containsPattern("<AccessKeyId>ASIA[A-Z0-9]{16}</AccessKeyId>")
        .containsPattern("<PackedPolicySize>\\d{1,3}</PackedPolicySize>")
        .containsPattern("<Expiration>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</Expiration>");

    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(stale.headers().firstValue("Content-Type")).contains("text/xml");
    assertThat(stale.body())
        .startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<Type>Sender</Type>")
        .contains("<Code>SignatureDoesNotMatch</Code>")
        .contains("<Message>Signature expired: ")
        .containsPattern("<RequestId>[0-9a-f-]{36}</RequestId>");

    assertThat(swapped.statusCode()).isEqualTo(403);
    assertThat(swapped.body())
        .contains("<Code>SignatureDoesNotMatch</Code>")
        .contains("x-amz-content-sha256");
  }

  @Test
  void refusesAnUnsignedRequest() {
    HttpResponse<String> response =
        new VaultHttp(vault.url())
            .send(
                HttpRequest.newBuilder(URI.create(vault.url() + "/sts"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(SessionPolicy.DENY_ALL)))
                    .build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>");
  }

  @Test
  void awsModeVaultDoesNotAnswerSts() {
    try (TetherVault aws =
        TetherVault.start(
            new VaultSettings(
                null,
                0,
                VaultSettings.Mode.AWS,
                URI.create(vault.url() + "/sts"),
                "arn:aws:iam::000000000000:role/tether-tool",
                null,
                null))) {
      HttpResponse<String> response =
          new VaultHttp(aws.url())
              .post("/sts", null, form(SessionPolicy.DENY_ALL).getBytes(StandardCharsets.UTF_8));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("AWS mode");
      assertThat(aws.localSession("ASIA0000000000000000")).isEmpty();
    }
  }

  private String code(Consumer<AssumeRoleRequest.Builder> change) {
    return assumeRoleFails(root.accessKeyId(), root.secretAccessKey(), change)
        .awsErrorDetails()
        .errorCode();
  }

  private StsException assumeRoleFails(
      String accessKeyId, String secret, Consumer<AssumeRoleRequest.Builder> change) {
    try (StsClient sts = sts(accessKeyId, secret)) {
      AssumeRoleRequest request = assumeRole(change);
      Throwable thrown = catchThrowable(() -> sts.assumeRole(request));
      assertThat(thrown).isInstanceOf(StsException.class);
      assertThat(((StsException) thrown).awsErrorDetails().errorMessage()).isNotBlank();
      return (StsException) thrown;
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static AssumeRoleRequest assumeRole(Consumer<AssumeRoleRequest.Builder> change) {
    AssumeRoleRequest.Builder builder =
        AssumeRoleRequest.builder()
            .roleArn(VaultSettings.LOCAL_ROLE_ARN)
            .roleSessionName("tether-test-session")
            .policy(SessionPolicy.toJson(SCOPE));
    change.accept(builder);
    return builder.build();
  }

  private StsClient sts(String accessKeyId, String secret) {
    return StsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(vault.url() + "/sts"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .build();
  }

  private static String form(String policy) {
    return "Action=AssumeRole&Version=2011-06-15"
        + "&RoleArn="
        + URLEncoder.encode(VaultSettings.LOCAL_ROLE_ARN, StandardCharsets.UTF_8)
        + "&RoleSessionName=raw-http&DurationSeconds=900"
        + "&Policy="
        + URLEncoder.encode(policy, StandardCharsets.UTF_8);
  }

  // Signs with the SDK's own SigV4 signer (at the given clock), then sends `sentBody`.
  private HttpResponse<String> send(
      URI uri, String signedBody, String secret, Clock clock, String sentBody) {
    var signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(root.accessKeyId(), secret))
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(uri)
                                .putHeader(
                                    "Content-Type",
                                    "application/x-www-form-urlencoded; charset=utf-8")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(signedBody))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(sentBody));
    Set<String> restricted = Set.of("host", "content-length");
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!restricted.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    if (signed.request().firstMatchingHeader("x-amz-content-sha256").isEmpty()) {
      throw new AssertionError("the signer did not add x-amz-content-sha256");
    }
    return new VaultHttp(vault.url()).send(request.build());
  }

  @Test
  void rootCredentialToStringRedactsTheSecret() {
    assertThat(root.toString()).contains(root.accessKeyId()).doesNotContain(root.secretAccessKey());
    assertThat(vault.localSession(null)).isEmpty();
    assertThat(vault.localSession(root.accessKeyId())).as("the root key is no session").isEmpty();
  }
}
