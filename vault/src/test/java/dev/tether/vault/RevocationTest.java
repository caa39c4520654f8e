package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.core.wire.RevocationStatus;
import dev.tether.core.wire.RevocationStatusRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revocation over HTTP: the orchestrator revokes a task (or one tool of it) and every exchange
 * that verifies a chain refuses what it covers, naming the task, the tool, when and why; the
 * workload reads what is revoked of its own task; nothing else can revoke, and a refused request
 * stores nothing.
 */
class RevocationTest {

  private static final long APP_ID = 515151;
  private static final String REASON = "prompt injection suspected";
  /** One owner with an installation, so that GitHub tokens can be issued for the task. */
  private static final List<String> REPOS = List.of("acme/app");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private GitHubShapedServer gitHub;
  private TetherVault vault;
  private TokenFlow flow;
  private VaultHttp http;

  @BeforeEach
  void start() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair app = rsa.generateKeyPair();
    gitHub = new GitHubShapedServer(APP_ID, app.getPublic());
    vault = TetherVault.start(
        TokenFlow.settings().withGitHub(new GitHubApp(APP_ID, app.getPrivate(), gitHub.url(),
            Map.of("acme", 77L), Map.of("read_file", Map.of("contents", "read"),
                "list_bucket", Map.of("contents", "read")))),
        spans);
    flow = new TokenFlow(vault);
    http = new VaultHttp(vault.url());
  }

  @AfterEach
  void stop() {
    vault.close();
    gitHub.close();
  }

  @Test
  void aRevokedTaskIsRefusedAtEveryExchangeThatVerifiesItsChain() throws Exception {
    String spareGrant = grant("read_file", "list_bucket");
    LayeredToken task = task("read_file", "list_bucket");
    LayeredToken call = TokenFlow.toolCall(task, "read_file", "call-1");
    assertThat(exchange(call).statusCode()).isEqualTo(200);
    assertThat(gitHubToken(call).statusCode()).isEqualTo(200);
    ApiToken mintedBefore = apiToken(call);

    Revocation revocation = revoke(new RevocationRequest(TokenFlow.TASK, null, REASON));
    assertThat(revocation.id()).startsWith("rv-");
    assertThat(revocation.taskId()).isEqualTo(TokenFlow.TASK);
    assertThat(revocation.tool()).isNull();
    assertThat(revocation.reason()).isEqualTo(REASON);

    String named = "task " + TokenFlow.TASK + " was revoked at " + revocation.revokedAt()
        + " (revocation " + revocation.id() + "): " + REASON;
    assertRefused(exchange(call), "task_revoked", named);
    assertRefused(exchange(TokenFlow.toolCall(task, "list_bucket", "call-2")), "task_revoked",
        named);
    assertRefused(http.post("/v1/api-tokens", vault.agentToken(),
        WireJson.write(new ApiTokenRequest(call.encode(), "api.example.com"))),
        "task_revoked", named);
    assertRefused(gitHubToken(call), "task_revoked", named);
    assertRefused(http.post("/v1/attestations", vault.agentToken(),
        WireJson.write(new ReattestRequest(task.encode(),
            TestLauncher.evidence(vault.url(), vault.agentToken())))),
        "task_revoked", named);
    assertRefused(http.post("/v1/tasks", vault.agentToken(),
        WireJson.write(new RedeemRequest(spareGrant, TokenFlow.AGENT,
            TestLauncher.evidence(vault.url(), vault.agentToken())))),
        "task_revoked", named);
    assertRefused(postGrant(new GrantRequest(TokenFlow.TASK, TokenFlow.USER,
        REPOS, List.of("list_bucket"), 0)), "task_revoked", named);

    // An API token minted before: inactive, as RFC 7662 answers a revoked token.
    assertThat(introspect(mintedBefore.token()).toString()).isEqualTo("{\"active\":false}");
    assertThat(reasons("tether.vault.introspect")).containsExactly("task_revoked");

    RevocationStatus status = status(task);
    assertThat(status.revoked()).isTrue();
    assertThat(status.revocation()).isEqualTo(revocation);
    assertThat(status.tools()).isEmpty();
    assertThat(reasons("tether.vault.exchange")).containsExactly(null, "task_revoked",
        "task_revoked");
    assertThat(reasons("tether.vault.revoke")).containsExactly((String) null);

    // Another task of the same user is not touched.
    LayeredToken other = flow.task("task-43", TokenFlow.USER, List.of(TokenFlow.REPO),
        "read_file");
    assertThat(exchange(TokenFlow.toolCall(other, "read_file", "call-9")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRevokedToolIsRefusedAndTheTasksOtherToolsAreStillServed() throws Exception {
    LayeredToken task = task("read_file", "list_bucket");
    LayeredToken read = TokenFlow.toolCall(task, "read_file", "call-1");
    LayeredToken list = TokenFlow.toolCall(task, "list_bucket", "call-2");

    Revocation revocation = revoke(new RevocationRequest(TokenFlow.TASK, "read_file", REASON));
    assertThat(revocation.tool()).isEqualTo("read_file");

    String named = "tool 'read_file' of task " + TokenFlow.TASK + " was revoked at "
        + revocation.revokedAt() + " (revocation " + revocation.id() + "): " + REASON;
    assertRefused(exchange(read), "tool_revoked", named);
    assertRefused(gitHubToken(read), "tool_revoked", named);
    assertThat(exchange(list).statusCode()).isEqualTo(200);
    assertThat(gitHubToken(list).statusCode()).isEqualTo(200);
    assertThat(apiToken(list).token()).startsWith("tsu_");
    // The task token itself is not revoked: its binding is still renewed.
    assertThat(http.post("/v1/attestations", vault.agentToken(),
        WireJson.write(new ReattestRequest(task.encode(),
            TestLauncher.evidence(vault.url(), vault.agentToken())))).statusCode())
        .isEqualTo(200);

    RevocationStatus status = status(task);
    assertThat(status.revoked()).isFalse();
    assertThat(status.tools()).containsExactly(revocation);

    // A grant with the revoked tool is refused; without it, granted.
    assertRefused(postGrant(new GrantRequest(TokenFlow.TASK, TokenFlow.USER,
        REPOS, List.of("list_bucket", "read_file"), 0)), "tool_revoked", named);
    assertThat(grant("list_bucket")).startsWith("tt1.");

    // Revoking again changes nothing: the first revocation stands.
    assertThat(revoke(new RevocationRequest(TokenFlow.TASK, "read_file", "again")))
        .isEqualTo(revocation);
  }

  @Test
  void onlyTheOrchestratorRevokes() throws Exception {
    LayeredToken task = task("read_file");
    byte[] body = WireJson.write(new RevocationRequest(TokenFlow.TASK, null, REASON));

    for (String bearer : new String[] {null, vault.agentToken(), vault.resourceServerToken(),
        "not-a-token"}) {
      HttpResponse<String> refused = http.post("/v1/revocations", bearer, body);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      assertThat(VaultHttp.json(refused).get("error").asText()).isEqualTo("unauthorized");
    }
    assertThat(VaultHttp.json(http.post("/v1/revocations", vault.agentToken(), body))
        .get("message").asText()).contains("orchestrator token");

    assertThat(status(task).revoked()).as("nothing was recorded").isFalse();
    assertThat(exchange(TokenFlow.toolCall(task, "read_file", "call-1")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void malformedRevocationsAreRefusedWith400AndStoreNothing() throws Exception {
    LayeredToken task = task("read_file");
    String tooLong = "x".repeat(257);
    Map<String, String> bodies = Map.of(
        "{\"task_id\":\"task-42\",\"reason\":\"r\",\"scope\":\"all\"}", "unknown field 'scope'",
        "{\"task_id\":\"task-42\"}", "'reason'",
        "{\"reason\":\"r\"}", "'task_id'",
        "{\"task_id\":42,\"reason\":\"r\"}", "'task_id'",
        "{\"task_id\":\"task 42\",\"reason\":\"r\"}", "'task_id'",
        "{\"task_id\":\"task-42\",\"tool\":\"read*\",\"reason\":\"r\"}", "'tool'",
        "{\"task_id\":\"task-42\",\"tool\":\"deploy\",\"reason\":\"r\"}", "unknown tool 'deploy'",
        "{\"task_id\":\"task-42\",\"reason\":\"" + tooLong + "\"}", "at most 256",
        "{\"task_id\":\"task-42\",\"reason\":\"line\\nbreak\"}", "control character",
        "{\"task_id\":\"task-42\",\"tool\":\"\",\"reason\":\"r\"}", "'tool'");
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      HttpResponse<String> refused = http.post("/v1/revocations", vault.orchestratorToken(),
          body.getKey().getBytes(StandardCharsets.UTF_8));
      assertThat(refused.statusCode()).as(body.getKey() + " -> " + refused.body()).isEqualTo(400);
      JsonNode error = VaultHttp.json(refused);
      assertThat(error.get("error").asText()).isEqualTo("invalid_request");
      assertThat(error.get("message").asText()).as(body.getKey()).contains(body.getValue());
    }

    RevocationStatus status = status(task);
    assertThat(status.revoked()).isFalse();
    assertThat(status.tools()).isEmpty();
    assertThat(exchange(TokenFlow.toolCall(task, "read_file", "call-1")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theStatusIsReadWithTheTaskTokenAndAProofOfItsKey() throws Exception {
    String grant = grant("read_file");
    LayeredToken task = LayeredToken.parse(flow.redeem(grant).token());
    LayeredToken call = TokenFlow.toolCall(task, "read_file", "call-1");

    assertThat(status(call).taskId()).as("a token derived from the task reads it too")
        .isEqualTo(TokenFlow.TASK);
    HttpResponse<String> withGrant = http.post("/v1/revocations/status", vault.agentToken(),
        WireJson.write(new RevocationStatusRequest(grant)));
    assertThat(withGrant.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(withGrant).get("error").asText()).isEqualTo("token_wrong_layer");

    HttpResponse<String> noProof = http.send(HttpRequest.newBuilder(
            URI.create(vault.url() + "/v1/revocations/status"))
        .header("Authorization", "Bearer " + vault.agentToken())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(
            WireJson.write(new RevocationStatusRequest(task.encode())))).build());
    assertThat(noProof.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(noProof).get("error").asText()).isEqualTo("pop_missing");

    HttpResponse<String> orchestrator = http.post("/v1/revocations/status",
        vault.orchestratorToken(), WireJson.write(new RevocationStatusRequest(task.encode())));
    assertThat(orchestrator.statusCode()).isEqualTo(401);
  }

  // --- helpers ---

  private String grant(String... tools) throws WireHttp.Failure {
    return flow.grant(TokenFlow.TASK, TokenFlow.USER, REPOS, tools).token();
  }

  private LayeredToken task(String... tools) throws WireHttp.Failure {
    return LayeredToken.parse(flow.redeem(grant(tools)).token());
  }

  private Revocation revoke(RevocationRequest request) throws WireHttp.Failure {
    return new OrchestratorClient(vault.url(), vault.orchestratorToken(), 10_000).revoke(request);
  }

  private HttpResponse<String> postGrant(GrantRequest request) {
    return http.post("/v1/grants", vault.orchestratorToken(), WireJson.write(request));
  }

  private HttpResponse<String> exchange(LayeredToken call) {
    return flow.exchange(call, 0);
  }

  private HttpResponse<String> gitHubToken(LayeredToken call) {
    return http.post("/v1/github/tokens", vault.agentToken(),
        WireJson.write(new GitHubTokenRequest(call.encode())));
  }

  private ApiToken apiToken(LayeredToken call) {
    HttpResponse<String> response = http.post("/v1/api-tokens", vault.agentToken(),
        WireJson.write(new ApiTokenRequest(call.encode(), "api.example.com")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WireJson.read(response.body().getBytes(StandardCharsets.UTF_8), ApiToken.class);
  }

  private RevocationStatus status(LayeredToken token) {
    HttpResponse<String> response = http.post("/v1/revocations/status", vault.agentToken(),
        WireJson.write(new RevocationStatusRequest(token.encode())));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WireJson.read(response.body().getBytes(StandardCharsets.UTF_8),
        RevocationStatus.class);
  }

  private JsonNode introspect(String token) {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(vault.url() + "/v1/introspect"))
        .header("Authorization", "Bearer " + vault.resourceServerToken())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return VaultHttp.json(response);
  }

  private List<String> reasons(String span) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(span))
        .map(s -> s.getAttributes().get(VaultTelemetry.REASON))
        .toList();
  }

  private static void assertRefused(HttpResponse<String> response, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).contains(message);
  }
}
