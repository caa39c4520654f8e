package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.token.Attenuation;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.GitHubToken;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.core.wire.WireJson;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub installation tokens for a tool call: the request to GitHub names exactly the turn's
 * repositories and the tool's permissions, signed as the App; anything wider is refused.
 */
class GitHubTokensTest {

  private static final long APP_ID = 424242;

  private GitHubShapedServer gitHub;
  private TetherVault vault;
  private TokenFlow flow;

  @BeforeEach
  void start() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair app = rsa.generateKeyPair();
    gitHub = new GitHubShapedServer(APP_ID, app.getPublic());
    vault = TetherVault.start(TokenFlow.settings().withGitHub(new GitHubApp(APP_ID,
        app.getPrivate(), gitHub.url(), Map.of("acme", 77L),
        Map.of("read_file", Map.of("contents", "read", "pull_requests", "write")))));
    flow = new TokenFlow(vault);
  }

  @AfterEach
  void stop() {
    vault.close();
    gitHub.close();
  }

  @Test
  void theTokenReachesTheTurnsRepositoriesWithTheToolsPermissionsOnly() throws Exception {
    LayeredToken task = flow.task(TokenFlow.TASK, TokenFlow.USER,
        List.of("acme/app", "acme/lib", "acme/infra"), "read_file", "list_bucket");
    LayeredToken turn = turn(task, List.of("acme/app", "acme/lib"));
    LayeredToken call = TokenFlow.toolCall(turn, "read_file", "call-1");

    HttpResponse<String> response = request(call);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    GitHubToken token = WireJson.read(response.body().getBytes(), GitHubToken.class);
    assertThat(token.token()).startsWith("ghs_");
    assertThat(token.repositories()).containsExactly("acme/app", "acme/lib");
    assertThat(token.permissions()).containsExactlyInAnyOrder("contents:read", "pull_requests:write");
    GitHubShapedServer.Received asked = gitHub.received().get(0);
    assertThat(asked.installation()).isEqualTo(77L);
    assertThat(asked.repositories()).containsExactly("app", "lib");
    assertThat(asked.permissions().size()).isEqualTo(2);
  }

  @Test
  void aToolWithoutPermissionsOrAForeignOwnerGetsNoToken() throws Exception {
    LayeredToken twoOwners = flow.task(TokenFlow.TASK, TokenFlow.USER,
        List.of("acme/app", "other/app"), "read_file", "list_bucket");
    assertRefused(request(TokenFlow.toolCall(twoOwners, "read_file", "c-1")), 403,
        "github_refused", "one GitHub token covers one installation");
    assertRefused(request(TokenFlow.toolCall(twoOwners, "list_bucket", "c-2")), 403,
        "github_refused", "no GitHub permissions");
    LayeredToken notInstalled = flow.task(TokenFlow.TASK, TokenFlow.USER,
        List.of("other/app"), "read_file");
    assertRefused(request(TokenFlow.toolCall(notInstalled, "read_file", "c-3")), 403,
        "github_refused", "not installed on other");
    assertThat(gitHub.received()).isEmpty();
  }

  @Test
  void aTokenWiderThanAskedIsNotHandedOut() throws Exception {
    gitHub.grantExtraRepository = true;
    LayeredToken task = flow.task(TokenFlow.TASK, TokenFlow.USER, List.of("acme/app"),
        "read_file");

    assertRefused(request(TokenFlow.toolCall(task, "read_file", "c-1")), 502, "github_refused",
        "granted repository acme/secrets not asked for");
  }

  /** A turn holding read_file on {@code repos} only, as the agent derives it. */
  private static LayeredToken turn(LayeredToken task, List<String> repos) throws Exception {
    return Attenuation.derive(task, new TokenLayer(LayerKind.TURN, "turn-1", task.last().id(),
        null, null, null, null, "turn:1", task.last().issuedAt(), task.last().expiresAt(), repos,
        Map.of("read_file", ToolRights.inherited())));
  }

  private HttpResponse<String> request(LayeredToken call) {
    return new VaultHttp(vault.url()).post("/v1/github/tokens", vault.agentToken(),
        WireJson.write(new GitHubTokenRequest(call.encode())));
  }

  private static void assertRefused(
      HttpResponse<String> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(VaultHttp.json(response).get("error").asText()).isEqualTo(code);
    assertThat(VaultHttp.json(response).get("message").asText()).contains(message);
  }
}
