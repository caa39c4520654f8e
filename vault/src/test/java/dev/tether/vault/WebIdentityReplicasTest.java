package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vault replicas as one OpenID Connect issuer, over a real redis-server: each replica signs its
 * web identity tokens with a key of its own and publishes the public part through the store, so
 * that STS verifies a session's token whichever replica signed it and whichever replica its
 * key-set request reached (a load balancer sends it to one of them).
 */
class WebIdentityReplicasTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final SharedStoreReplicas replicas =
      new SharedStoreReplicas("tether-vault/web-identity-replicas");

  @Test
  void aTokenSignedByOneReplicaVerifiesWithTheKeySetAnotherServes() throws Exception {
    TetherVault a = replicas.replica(settings -> settings.withWebIdentity(WebIdentity.local()));
    // b's local STS trusts a's URL as the issuer: every key-set fetch reaches a, never b
    TetherVault b = replicas.replica(
        settings -> settings.withWebIdentity(new WebIdentity(a.url().toString(), null, null)));
    TokenFlow flow = new TokenFlow(b);

    HttpResponse<String> response =
        flow.exchange(TokenFlow.toolCall(flow.task("list_bucket"), "list_bucket", "call-1"), 0);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String accessKeyId = VaultHttp.json(response).get("access_key_id").asText();
    assertThat(b.localSession(accessKeyId).orElseThrow().tags())
        .containsEntry("tool", "list_bucket");
  }

  @Test
  void everyReplicaServesEveryReplicasPublicKeysAndNoPrivatePart() throws Exception {
    TetherVault a = replicas.replica(settings -> settings.withWebIdentity(WebIdentity.local()));
    TetherVault b = replicas.replica(settings -> settings.withWebIdentity(WebIdentity.local()));

    JsonNode fromA = keySet(a);
    JsonNode fromB = keySet(b);

    List<String> signing = List.of(a.webIdentityKeyId(), b.webIdentityKeyId());
    assertThat(keyIds(fromA)).containsAll(signing).isEqualTo(keyIds(fromB));
    for (JsonNode key : fromA.get("keys")) {
      for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
        assertThat(key.has(privatePart)).as("private part " + privatePart).isFalse();
      }
    }
  }

  @Test
  void aRotationOnOneReplicaReachesTheOthersKeySetAtOnce() throws Exception {
    TetherVault a = replicas.replica(settings -> settings.withWebIdentity(WebIdentity.local()));
    TetherVault b = replicas.replica(settings -> settings.withWebIdentity(WebIdentity.local()));
    String replaced = a.webIdentityKeyId();

    a.rotateWebIdentityKey();

    // a's new key, the one it replaced (retained for tokens signed just before), and b's own
    assertThat(keyIds(keySet(b)))
        .contains(a.webIdentityKeyId(), replaced, b.webIdentityKeyId());
    assertThat(a.webIdentityKeyId()).isNotEqualTo(replaced);
  }

  private static JsonNode keySet(TetherVault vault) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(vault.url() + "/.well-known/jwks.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static Set<String> keyIds(JsonNode keySet) {
    Set<String> ids = new HashSet<>();
    keySet.get("keys").forEach(key -> ids.add(key.get("kid").asText()));
    return ids;
  }
}
