package dev.tether.agent.internal.apitoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.GrantRequest;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
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

/** Tokens for external APIs, as a tool asks for them through the agent, against a real Vault. */
class ApiTokenIssuerTest {

  static TetherVault vault;

  @BeforeAll
  static void start() throws Exception {
    vault = TetherVault.start(VaultSettings.localDefaults()
        .withTools(ToolCatalogue.of(Map.of("openPr", AwsScope.none())))
        .withAttestation(TestWorkload.vaultPolicy()));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
    System.setProperty("tether.task.grant", new OrchestratorClient(vault.url(),
            vault.orchestratorToken(), 2000)
        .grant(new GrantRequest("t-api", "alice", List.of("acme/app"), List.of("openPr"), 0))
        .token());
  }

  @AfterAll
  static void stop() {
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    System.clearProperty("tether.task.grant");
    vault.close();
  }

  private final Telemetry telemetry = new Telemetry("none");
  private final VaultClient client = new VaultClient(
      new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml"));
  private final Derivations derivations = new Derivations(telemetry, TurnRule.all());
  private final TaskSessions sessions = new TaskSessions(new GrantSource(), client,
      TestWorkload.attestation(client, telemetry), telemetry, "test-agent");
  private final ApiTokenIssuer issuer =
      new ApiTokenIssuer(client, sessions, derivations, telemetry);

  @Test
  void aToolCallGetsSingleUseTokensTheApiAcceptsOnceAndNoGitHubTokenWithoutAnApp()
      throws Exception {
    ToolCall call =
        derivations.toolCall(sessions.current(), null, "openPr", null, new Object(), null);

    String token = issuer.singleUse(call, "api.example.com");
    assertThat(introspect(token)).contains("\"active\":true").contains("\"aud\":\"api.example.com\"")
        .contains("\"tether_tool\":\"openPr\"");
    assertThat(introspect(token)).isEqualTo("{\"active\":false}");
    assertThat(issuer.singleUse(call, "api.example.com")).isNotEqualTo(token);
    String boxed = issuer.timeBoxed(call, "api.example.com");
    assertThat(introspect(boxed)).contains("\"active\":true", "tether_time_boxed");
    assertThat(introspect(boxed)).contains("\"active\":true");

    assertThatThrownBy(() -> issuer.gitHub(call))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageStartingWith("Tether refused a GitHub token in tool 'openPr'")
        .hasMessageContaining("github_not_configured")
        .hasMessageEndingWith("nothing was sent");
  }

  @Test
  void outsideAToolCallThereIsNoToken() {
    assertThatThrownBy(() -> issuer.singleUse(null, "api.example.com"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("requested outside any tool call");
    assertThatThrownBy(() -> issuer.gitHub(null))
        .hasMessageContaining("Tether refused a GitHub token: requested outside any tool call");
  }

  private static String introspect(String token) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(vault.url() + "/v1/introspect"))
            .header("Authorization", "Bearer " + vault.resourceServerToken())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
