package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.IssuerKeys;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.state.RedisServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When its Redis goes down the Vault refuses (503, naming the store) rather than decide without
 * its state, answers at once rather than hang, and serves again as soon as Redis is back.
 */
class StoreOutageTest {

  @Test
  @Timeout(60)
  void theVaultFailsClosedWhileRedisIsDownAndRecoversWhenItIsBack() throws Exception {
    byte[] root = new byte[32];
    new SecureRandom().nextBytes(root);
    try (RedisServer redis = RedisServer.start();
        TetherVault vault = TetherVault.start(TokenFlow.settings()
            .withStore(redis.location())
            .withKeys(new IssuerKeys("tether-vault/outage-test", "k1", Map.of("k1", root))),
            new ReplicaSpans())) {
      TokenFlow flow = new TokenFlow(vault);
      VaultHttp http = new VaultHttp(vault.url());
      LayeredToken task = flow.task("read_file");
      ApiToken apiToken = mint(http, vault, TokenFlow.toolCall(task, "read_file", "before"));
      String store = redis.location().toString();

      redis.stop();

      HttpResponse<String> health = http.get("/healthz", null);
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(VaultHttp.json(health).get("status").asText()).isEqualTo("unavailable");
      assertThat(VaultHttp.json(health).get("store").asText()).isEqualTo(store);
      assertRefused(introspect(http, vault, apiToken.token()), store);
      assertRefused(flow.exchange(TokenFlow.toolCall(task, "read_file", "during"), 0), store);
      assertRefused(http.post("/v1/api-tokens", vault.agentToken(), WireJson.write(
          new ApiTokenRequest(TokenFlow.toolCall(task, "read_file", "during-api").encode(),
              "api.example.com"))), store);
      assertRefused(http.get("/v1/issuances", vault.agentToken()), store);
      WireHttp.Failure nonce = org.assertj.core.api.Assertions.catchThrowableOfType(
          WireHttp.Failure.class, () -> TestLauncher.nonce(vault.url(), vault.agentToken(),
              "local"));
      assertThat(nonce.status()).isEqualTo(503);
      assertThat(nonce.code()).isEqualTo("store_unavailable");
      assertThatThrownBy(vault::issuances).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(store);

      redis.restart(); // empty: what it held is gone, and what needs it is refused, not guessed

      assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
      assertThat(VaultHttp.json(introspect(http, vault, apiToken.token())).get("active")
          .asBoolean()).isFalse();
      LayeredToken fresh = flow.task("read_file");
      assertThat(flow.exchange(TokenFlow.toolCall(fresh, "read_file", "after"), 0).statusCode())
          .isEqualTo(200);
      ApiToken after = mint(http, vault, TokenFlow.toolCall(fresh, "read_file", "after-api"));
      assertThat(VaultHttp.json(introspect(http, vault, after.token())).get("active")
          .asBoolean()).isTrue();
    }
  }

  private static void assertRefused(HttpResponse<String> response, String store) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo("store_unavailable");
    assertThat(error.get("message").asText())
        .contains("the Vault's state store " + store + " is unavailable")
        .contains("refuses requests that need it until it answers again");
  }

  private static ApiToken mint(VaultHttp http, TetherVault vault, LayeredToken call) {
    HttpResponse<String> response = http.post("/v1/api-tokens", vault.agentToken(),
        WireJson.write(new ApiTokenRequest(call.encode(), "api.example.com")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WireJson.read(response.body().getBytes(StandardCharsets.UTF_8), ApiToken.class);
  }

  private static HttpResponse<String> introspect(VaultHttp http, TetherVault vault, String token) {
    return http.send(HttpRequest.newBuilder(vault.url().resolve("/v1/introspect"))
        .header("Authorization", "Bearer " + vault.resourceServerToken())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build());
  }
}
