package dev.tether.demo.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.Attenuation;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.ToolRights;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.vault.ToolCatalogue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class LocalAwsStackTest {

  private static final String BUCKET = "tether-test";

  private static LocalAwsStack stack;
  private static final WorkloadKey WORKLOAD = WorkloadKey.generate();

  @BeforeAll
  static void startStack() {
    stack =
        LocalAwsStack.start(
            ToolCatalogue.of(
                Map.of(
                    "t",
                    new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::tether-test/*")))));
    stack.seed(BUCKET, "platform.txt", "read with the platform key");
    stack.seed(BUCKET, "unknown.txt", "never read");
    stack.seed(BUCKET, "vault.txt", "read with a Vault session");
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void acceptsThePlatformKeyAndRecordsTheRequest() {
    AwsCredentials platform =
        AwsBasicCredentials.create(stack.platformAccessKeyId(), stack.platformSecretAccessKey());
    try (S3Client s3 = s3(platform)) {
      String content =
          s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("platform.txt")).asUtf8String();
      s3.putObject(b -> b.bucket(BUCKET).key("written.txt"), RequestBody.fromString("hello"));

      assertThat(content).isEqualTo("read with the platform key");
    }
    assertThat(stack.platformAccessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(stack.requests())
        .anySatisfy(
            r -> {
              assertThat(r.accessKeyId()).isEqualTo(stack.platformAccessKeyId());
              assertThat(r.targets(BUCKET, "platform.txt")).isTrue();
              assertThat(r.accepted()).isTrue();
            })
        .anySatisfy(r -> assertThat(r.targets(BUCKET, "written.txt")).isTrue());
  }

  @Test
  void rejectsAnUnknownKeyWith403AndRecordsItAsRejected() {
    String unknownKey = "AKIAUNKNOWNKEY000001";
    try (S3Client s3 =
        s3(AwsBasicCredentials.create(unknownKey, "not-a-secret-the-server-knows"))) {
      assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("unknown.txt")))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    assertThat(stack.requests())
        .filteredOn(r -> unknownKey.equals(r.accessKeyId()))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.accepted()).isFalse();
              assertThat(r.targets(BUCKET, "unknown.txt")).isTrue();
            });
  }

  @Test
  void acceptsASessionTheVaultIssuedThroughItsExchangeEndpoint() throws Exception {
    LayeredToken call = toolCallToken();
    AwsCredentialsResponse issued = exchange(call);
    String accessKeyId = issued.accessKeyId();
    AwsCredentials session =
        AwsSessionCredentials.create(
            accessKeyId, issued.secretAccessKey(), issued.sessionToken());

    try (S3Client s3 = s3(session)) {
      String content = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("vault.txt")).asUtf8String();

      assertThat(content).isEqualTo("read with a Vault session");
    }
    assertThat(accessKeyId).isNotEqualTo(stack.platformAccessKeyId());
    assertThat(stack.requests())
        .anySatisfy(
            r -> {
              assertThat(r.accessKeyId()).isEqualTo(accessKeyId);
              assertThat(r.targets(BUCKET, "vault.txt")).isTrue();
              assertThat(r.accepted()).isTrue();
            });
    assertThat(stack.vault().issuances())
        .anySatisfy(
            i -> {
              assertThat(i.accessKeyId()).isEqualTo(accessKeyId);
              assertThat(i.tool()).isEqualTo("t");
              assertThat(i.callId()).isEqualTo(call.last().id());
            });
  }

  /** What the orchestrator and the agent do: a grant, its task token, a tool-call layer. */
  private static LayeredToken toolCallToken() throws Exception {
    String grant = stack.grant("t-1", "alice", List.of("acme/widgets"), List.of("t"));
    LayeredToken task =
        LayeredToken.parse(
            WireHttp.post(
                    stack.vault().url(), "/v1/tasks", stack.vault().agentToken(), 30_000,
                    new RedeemRequest(grant, "stack-test", localEvidence()), IssuedToken.class,
                    url -> proof(url, grant))
                .token());
    long now = System.currentTimeMillis() / 1000;
    return Attenuation.derive(
        task,
        new TokenLayer(
            LayerKind.TOOL, "c-1", task.last().id(), null, null, null, null, "tool:t", now,
            now + 60, List.of("acme/widgets"), Map.of("t", ToolRights.inherited())));
  }

  /** Asks the Vault for a session the way the agent does: POST /v1/aws/credentials. */
  private static AwsCredentialsResponse exchange(LayeredToken call) throws Exception {
    return WireHttp.post(
        stack.vault().url(), "/v1/aws/credentials", stack.vault().agentToken(), 30_000,
        new AwsCredentialsRequest(call.encode(), 900), AwsCredentialsResponse.class,
        url -> proof(url, call.encode()));
  }

  /**
   * What the agent's local provider does: a nonce from the Vault for the workload key, then the
   * launcher's evidence over it, from the attestor of a launch the stack made for this workload.
   */
  private static Evidence localEvidence() throws Exception {
    String agentToken = stack.vault().agentToken();
    String nonce = WireHttp.post(stack.vault().url(), "/v1/attestations/nonces", agentToken,
        30_000, new NonceRequest("local"), AttestationNonce.class,
        url -> proof(url, agentToken)).nonce();
    LocalLaunch launch = stack.launch("pid test");
    String body = "{\"ticket\":\"" + launch.ticket() + "\",\"nonce\":\"" + nonce
        + "\",\"jkt\":\"" + WORKLOAD.thumbprint() + "\"}";
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(launch.attestorUrl().resolve("/v1/evidence"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String evidence = ((JsonString) ((JsonObject) JsonReader.parse(answer.body()))
        .get("evidence")).value();
    return new Evidence("local", nonce, evidence);
  }

  /** As the agent does: each request proves possession of the workload key. */
  private static String proof(String url, String token) {
    return PopProofs.create(WORKLOAD, "POST", url, token, System.currentTimeMillis() / 1000);
  }

  private static S3Client s3(AwsCredentials credentials) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(URI.create(stack.s3Endpoint().toString()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }
}
