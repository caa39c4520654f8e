package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vault as an OpenID Connect issuer: its sessions come from AssumeRoleWithWebIdentity with a
 * token it signs, checked by an STS that fetched the Vault's discovery document and key set over
 * HTTP. The Vault then needs no AWS credentials at all.
 */
class WebIdentityModeTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void localModeSessionsCarryTheTokensTagsAndTheToolsScope() throws Exception {
    try (TetherVault vault =
        TetherVault.start(TokenFlow.settings().withWebIdentity(WebIdentity.local()))) {
      HttpResponse<String> response = exchange(vault);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      String accessKeyId = VaultHttp.json(response).get("access_key_id").asText();
      assertThat(vault.localSession(accessKeyId).orElseThrow().tags())
          .containsEntry("task_id", "task-9")
          .containsEntry("user_id", "carol")
          .containsEntry("tool", "list_bucket");
      assertThat(vault.localSession(accessKeyId).orElseThrow().scope())
          .isEqualTo(TokenFlow.LIST_BUCKET);
      assertThat(vault.issuances()).singleElement()
          .satisfies(issuance -> assertThat(issuance.sourceIdentity()).isEqualTo("tether-carol"));
    }
  }

  /**
   * After a rotation the local STS (as STS would) fetches the issuer's key set again, from the
   * Vault, while the exchanges that wait on it hold the Vault's request threads: more of them than
   * there are threads must not leave the fetch queued behind them.
   */
  @Test
  void aBurstOfExchangesRightAfterAKeyRotationDoesNotStarveTheKeySetFetch() throws Exception {
    try (TetherVault vault =
        TetherVault.start(TokenFlow.settings().withWebIdentity(WebIdentity.local()))) {
      TokenFlow flow = new TokenFlow(vault);
      LayeredToken task = flow.task("task-9", "carol", List.of("repo"), "list_bucket");
      vault.rotateWebIdentityKey();
      int burst = 24;
      ExecutorService clients = Executors.newFixedThreadPool(burst);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
          LayeredToken call = TokenFlow.toolCall(task, "list_bucket", "call-burst-" + i);
          answers.add(clients.submit(() -> {
            go.await();
            return flow.exchange(call, 0);
          }));
        }
        go.countDown();
        for (Future<HttpResponse<String>> answer : answers) {
          HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
      } finally {
        clients.shutdownNow();
      }
    }
  }

  @Test
  void theIssuerPublishesItsDiscoveryDocumentAndOnlyPublicKeys() throws Exception {
    try (TetherVault vault =
        TetherVault.start(TokenFlow.settings().withWebIdentity(WebIdentity.local()))) {
      JsonNode discovery = get(vault.url() + "/.well-known/openid-configuration");
      JsonNode keys = get(vault.url() + "/.well-known/jwks.json");

      assertThat(discovery.get("issuer").asText()).isEqualTo(vault.url().toString());
      assertThat(discovery.get("jwks_uri").asText())
          .isEqualTo(vault.url() + "/.well-known/jwks.json");
      assertThat(discovery.get("id_token_signing_alg_values_supported").toString())
          .isEqualTo("[\"RS256\"]");
      assertThat(keys.get("keys")).hasSize(1);
      JsonNode key = keys.get("keys").get(0);
      assertThat(key.get("kty").asText()).isEqualTo("RSA");
      assertThat(key.get("alg").asText()).isEqualTo("RS256");
      for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
        assertThat(key.has(privatePart)).as("private part " + privatePart).isFalse();
      }
    }
  }

  @Test
  void withoutWebIdentityTheVaultIsNoIssuer() throws Exception {
    try (TetherVault vault = TetherVault.start(TokenFlow.settings())) {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create(vault.url() + "/.well-known/jwks.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void awsModeNeedsNoCredentialsOnlyTheIssuerTheStsTrusts() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String issuer = "http://127.0.0.1:" + port;
    try (TetherVault sts = TetherVault.start(VaultSettings.localDefaults())) {
      VaultSettings aws =
          new VaultSettings(null, port, VaultSettings.Mode.AWS, URI.create(sts.url() + "/sts"),
                  VaultSettings.LOCAL_ROLE_ARN, null, null)
              .withTools(TokenFlow.CATALOGUE)
              .withAttestation(TestLauncher.policy())
              .withWebIdentity(new WebIdentity(issuer, null, null));
      // No aws.accessKeyId / aws.secretAccessKey and no profile: this Vault has no AWS credentials.
      try (TetherVault vault = TetherVault.start(aws)) {
        HttpResponse<String> untrusted = exchange(vault);
        assertThat(untrusted.statusCode()).isEqualTo(502);
        assertThat(VaultHttp.json(untrusted).get("message").asText())
            .contains("AssumeRoleWithWebIdentity")
            .contains("InvalidIdentityToken")
            .contains("No OpenIDConnect provider");

        sts.trustWebIdentityIssuer(issuer, List.of(WebIdentity.DEFAULT_AUDIENCE));
        HttpResponse<String> trusted = exchange(vault);

        assertThat(trusted.statusCode()).as(trusted.body()).isEqualTo(200);
        String accessKeyId = VaultHttp.json(trusted).get("access_key_id").asText();
        assertThat(sts.localSession(accessKeyId).orElseThrow().tags())
            .containsEntry("task_id", "task-9")
            .containsEntry("tool", "list_bucket");
        assertThat(vault.issuances()).singleElement()
            .satisfies(issuance -> assertThat(issuance.accessKeyId()).isEqualTo(accessKeyId));
      }
    }
  }

  @Test
  void theServeOptionsSayWhatIsWrong() {
    Map<String, String> env = Map.of(VaultMain.TOKEN_ENV, "agent-token-0123456789",
        VaultMain.ORCHESTRATOR_TOKEN_ENV, "orchestrator-token-0123456789");
    assertThatThrownBy(() -> ServeCommand.parse(new String[] {"serve", "--aws-auth", "oidc"}, env))
        .hasMessageContaining("--aws-auth must be assume-role")
        .hasMessageContaining("or web-identity");
    assertThatThrownBy(() -> ServeCommand.parse(
            new String[] {"serve", "--oidc-issuer", "https://vault.example.com"}, env))
        .hasMessageContaining("go with --aws-auth web-identity");
    assertThatThrownBy(() -> ServeCommand.parse(new String[] {"serve", "--mode", "aws", "--attestation", "nitro", "--role-arn",
            VaultSettings.LOCAL_ROLE_ARN, "--aws-auth", "web-identity"}, env))
        .hasMessageContaining("needs the issuer URL registered with IAM");
    assertThatThrownBy(() -> ServeCommand.parse(new String[] {"serve", "--aws-auth", "web-identity",
            "--oidc-issuer", "http://vault.example.com/"}, env))
        .hasMessageContaining("must be an https URL with no trailing slash");
    assertThatThrownBy(() -> new WebIdentity(null, null, Duration.ofMinutes(1)))
        .hasMessageContaining("at least 10 minutes");
  }

  private static HttpResponse<String> exchange(TetherVault vault) throws Exception {
    TokenFlow flow = new TokenFlow(vault);
    LayeredToken task = flow.task("task-9", "carol", List.of("repo"), "list_bucket");
    return flow.exchange(TokenFlow.toolCall(task, "list_bucket", "call-77"), 0);
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
  }
}
