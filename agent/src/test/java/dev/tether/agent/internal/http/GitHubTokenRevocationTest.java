package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.config.ApiConfig;
import dev.tether.agent.internal.config.ToolConfig;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolBoundaries;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.GrantRequest;
import dev.tether.instrumentation.http.HttpClientsInstrumentationModule;
import dev.tether.vault.GitHubApp;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A GitHub installation token dies with its tool call: the agent revokes it ({@code DELETE
 * /installation/token}) when the call ends. Against a real Vault with a GitHub App, and a local
 * server shaped like GitHub's token endpoints.
 */
class GitHubTokenRevocationTest {

  static TetherVault vault;
  static HttpServer gitHub;
  static final Set<String> live = ConcurrentHashMap.newKeySet();
  static final Set<String> revoked = ConcurrentHashMap.newKeySet();
  static final AtomicInteger minted = new AtomicInteger();
  static VaultClient client;
  static TaskSessions sessions;

  private final Telemetry telemetry = new Telemetry("none");
  private final Derivations derivations = new Derivations(telemetry, TurnRule.all());

  @BeforeAll
  static void start() throws Exception {
    gitHub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gitHub.createContext("/", GitHubTokenRevocationTest::serve);
    gitHub.start();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    vault = TetherVault.start(VaultSettings.localDefaults()
        .withTools(ToolCatalogue.of(Map.of("open_pr", AwsScope.none())))
        .withAttestation(TestWorkload.vaultPolicy())
        .withGitHub(new GitHubApp(42, rsa.generateKeyPair().getPrivate(), gitHubUrl(),
            Map.of("acme", 7L), Map.of("open_pr", Map.of("pull_requests", "write")))));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
    System.setProperty("tether.task.grant",
        new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
            .grant(new GrantRequest("t-gh", "alice", List.of("acme/widgets"), List.of("open_pr"), 0))
            .token());
    Telemetry telemetry = new Telemetry("none");
    client = new VaultClient(
        new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml"));
    sessions = new TaskSessions(new GrantSource(), client,
        TestWorkload.attestation(client, telemetry), telemetry, "test-agent");
  }

  @AfterAll
  static void stop() {
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    System.clearProperty("tether.task.grant");
    vault.close();
    gitHub.stop(0);
  }

  static URI gitHubUrl() {
    return URI.create("http://127.0.0.1:" + gitHub.getAddress().getPort());
  }

  /** GitHub's two token endpoints, as documented: mint (for the App) and revoke (by the token). */
  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("POST") && path.endsWith("/access_tokens")) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = "ghs_test" + minted.incrementAndGet() + "x".repeat(30);
        live.add(token);
        // Exactly what was asked for: the Vault refuses a wider answer.
        String answer = "{\"token\":\"" + token + "\",\"expires_at\":\""
            + Instant.now().plusSeconds(3600) + "\","
            + "\"permissions\":{\"pull_requests\":\"write\"},"
            + "\"repositories\":[{\"name\":\"widgets\",\"full_name\":\"acme/widgets\"}]}";
        assertThat(body).contains("widgets");
        send(exchange, 201, answer);
      } else if (exchange.getRequestMethod().equals("DELETE")
          && path.equals("/installation/token")) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization == null ? "" : authorization.replaceFirst("^(Bearer|token) ", "");
        if (live.remove(token)) {
          revoked.add(token);
          exchange.sendResponseHeaders(204, -1);
        } else {
          send(exchange, 401, "{\"message\":\"Bad credentials\"}");
        }
      } else {
        send(exchange, 404, "{\"message\":\"Not Found\"}");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private ToolCall call() throws Exception {
    ToolConfig config = new ToolConfig("open_pr", null, null, List.of("127.0.0.1"), 0);
    return derivations.toolCall(sessions.current(), null, "open_pr", AwsScope.none(),
        new ToolBoundaries.Binding("open_pr", config, "open_pr"), null);
  }

  @Test
  void theTokenIsKeptForTheCallAndRevokedWhenItEnds() throws Exception {
    String api = "127.0.0.1:" + gitHub.getAddress().getPort();
    HttpRequestGuard guard = new HttpRequestGuard(
        List.of(new ApiConfig(api, ApiConfig.GITHUB, null, null, 0)),
        new ApiTokenIssuer(client, sessions, derivations, telemetry), telemetry, "test.yaml",
        HelperInjector.fromResources(
            getClass().getClassLoader(), new HttpClientsInstrumentationModule().helperClassNames()));
    ToolCall call = call();
    URI pulls = URI.create("http://" + api + "/repos/acme/widgets/pulls");

    String first = authorization(JdkClientCopy.decide(guard, call,
        HttpRequest.newBuilder(pulls).header("Authorization", "Bearer ghp_ambient").build()));
    String second = authorization(
        JdkClientCopy.decide(guard, call, HttpRequest.newBuilder(pulls).build()));
    assertThat(first).startsWith("Bearer ghs_test").isEqualTo(second);
    String token = first.substring("Bearer ".length());
    assertThat(live).contains(token);

    guard.toolCallEnded(call);
    call.end();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!revoked.contains(token) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(revoked).as("revoked at GitHub when the call ended").contains(token);
    assertThat(live).doesNotContain(token);

    ToolCall next = call();
    String another = authorization(
        JdkClientCopy.decide(guard, next, HttpRequest.newBuilder(pulls).build()));
    assertThat(another).as("the next call gets its own").isNotEqualTo(first);
    guard.toolCallEnded(next);
  }

  private static String authorization(Object request) {
    return ((HttpRequest) request).headers().firstValue("Authorization").orElseThrow();
  }
}
