package dev.tether.vault;

import static dev.tether.vault.TokenFlow.REPO;
import static dev.tether.vault.TokenFlow.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.core.token.ChainRefusal.Reason;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.WireHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a chain is refused reaches the HTTP caller with its own code and a 4xx, and nothing
 * is stored. The chain under test is grant, task, turn (read_file only), tool call (read_file).
 */
class ChainRefusalTest {

  private MutableClock clock;
  private TetherVault vault;
  private TokenFlow flow;
  private LayeredToken task;
  private LayeredToken turn;
  private LayeredToken call;

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(Instant.now());
    vault = TetherVault.start(TokenFlow.settings(), clock);
    flow = new TokenFlow(vault);
    task = flow.task("read_file", "list_bucket");
    turn = TokenFlow.turn(task, "turn-1", "read_file");
    call = TokenFlow.toolCall(turn, "read_file", "call-1");
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void theChainUnderTestIsAccepted() {
    assertThat(flow.exchange(call, 0).statusCode()).isEqualTo(200);
  }

  @Test
  void notATokenIsMalformed() {
    assertRefused(flow.exchange("not-a-token", 0), Reason.MALFORMED);
    String notJson = "bm90LWpzb24"; // base64url of "not-json"
    assertRefused(flow.exchange("tt1." + notJson + "." + "A".repeat(43), 0), Reason.MALFORMED);
  }

  @Test
  void aTokenCutShortIsTruncated() {
    String text = call.encode();

    assertRefused(flow.exchange(text.substring(0, text.length() - 10), 0), Reason.TRUNCATED);
    assertRefused(
        flow.exchange(text.substring(0, text.lastIndexOf('.')), 0), Reason.TRUNCATED);
  }

  @Test
  void aGrantFromAnotherVaultIsForeign() throws Exception {
    try (TetherVault other = TetherVault.start(TokenFlow.settings())) {
      TokenFlow otherFlow = new TokenFlow(other);
      String otherGrant = otherFlow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file").token();
      LayeredToken otherCall =
          TokenFlow.toolCall(otherFlow.task("read_file"), "read_file", "call-1");

      WireHttp.Failure redeemed =
          catchThrowableOfType(WireHttp.Failure.class, () -> flow.redeem(otherGrant));
      assertThat(redeemed.status()).isEqualTo(403);
      assertThat(redeemed.code()).isEqualTo(Reason.FOREIGN_ISSUER.code());
      assertThat(redeemed.getMessage())
          .contains("issued by " + other.issuer() + ", not by this Vault (" + vault.issuer());
      assertRefused(flow.exchange(otherCall, 0), Reason.FOREIGN_ISSUER);
      assertThat(otherFlow.exchange(otherCall, 0).statusCode())
          .as("the same token at its own Vault")
          .isEqualTo(200);
    }
  }

  @Test
  void aGrantNamingAKeyTheVaultDoesNotHoldIsRefused() {
    String text = call.encode();
    ObjectNode grant = TokenFlow.layers(text).get(0).put("kid", "k9");

    assertRefused(flow.exchange(TokenFlow.replaceLayer(text, 0, grant), 0), Reason.UNKNOWN_KEY);
  }

  @Test
  void aChangedLayerIsTampered() {
    String text = call.encode();
    ObjectNode tool = TokenFlow.layers(text).get(3).put("act", "tool:somebody-else");
    ObjectNode widerGrant = TokenFlow.layers(text).get(0);
    ((ArrayNode) widerGrant.get("repos")).add("acme/secrets");
    String changedTag =
        text.substring(0, text.length() - 1) + (text.endsWith("A") ? "Q" : "A");

    assertRefused(flow.exchange(TokenFlow.replaceLayer(text, 3, tool), 0), Reason.TAMPERED);
    assertRefused(flow.exchange(TokenFlow.replaceLayer(text, 0, widerGrant), 0), Reason.TAMPERED);
    assertRefused(flow.exchange(changedTag, 0), Reason.TAMPERED);
  }

  @Test
  void layersOutOfOrderAreReordered() {
    assertRefused(flow.exchange(TokenFlow.swapLayers(call.encode(), 0, 1), 0), Reason.REORDERED);
  }

  @Test
  void aLayerRemovedFromTheMiddleBreaksTheChain() {
    assertRefused(flow.exchange(TokenFlow.dropLayer(call.encode(), 2), 0), Reason.BROKEN);
  }

  @Test
  void aFifthLayerIsTooDeep() {
    ObjectNode fifth = TokenFlow.toolLayerJson(call, "read_file", "call-2");

    assertRefused(flow.exchange(TokenFlow.forge(call, fifth), 0), Reason.TOO_DEEP);
  }

  @Test
  void aToolCallLayerWiderThanItsTurnIsWidenedEvenWithAValidMac() throws Exception {
    // Attenuation refuses to make any of these; a holder of the turn's tag can MAC them anyway.
    ObjectNode moreActions = TokenFlow.toolLayerJson(turn, "read_file", "call-w1");
    ObjectNode scope = (ObjectNode) moreActions.get("tools").get("read_file");
    scope.putArray("actions").add("s3:GetObject").add("s3:PutObject").add("s3:DeleteObject");
    scope.putArray("resources").add("arn:aws:s3:::work/${task.id}/*");
    ObjectNode otherTool = TokenFlow.toolLayerJson(turn, "list_bucket", "call-w2");
    ObjectNode otherRepo = TokenFlow.toolLayerJson(turn, "read_file", "call-w3");
    ((ArrayNode) otherRepo.get("repos")).add("acme/secrets");
    ObjectNode longer = TokenFlow.toolLayerJson(turn, "read_file", "call-w4");
    longer.put("exp", turn.last().expiresAt() + 30).put("iat", turn.last().expiresAt() - 10);

    for (ObjectNode layer : List.of(moreActions, otherTool, otherRepo, longer)) {
      HttpResponse<String> response = flow.exchange(TokenFlow.forge(turn, layer), 0);
      assertRefused(response, Reason.WIDENED);
    }
    assertThat(
            VaultHttp.json(flow.exchange(TokenFlow.forge(turn, moreActions), 0))
                .get("message").asText())
        .contains("widens tool read_file");
    assertThat(
            VaultHttp.json(flow.exchange(TokenFlow.forge(turn, otherTool), 0))
                .get("message").asText())
        .contains("names tool list_bucket, which its parent does not grant (read_file)");
  }

  @Test
  void anExpiredToolCallIsRefused() {
    clock.advance(Duration.ofSeconds(120));

    HttpResponse<String> response = flow.exchange(call, 0);

    assertRefused(response, Reason.EXPIRED);
    assertThat(VaultHttp.json(response).get("message").asText())
        .contains("the tool layer call-1 expired");
  }

  @Test
  void aToolCallIssuedInTheFutureIsNotYetValid() throws Exception {
    long future = turn.last().issuedAt() + 120;
    LayeredToken early =
        TokenFlow.toolCall(turn, "read_file", "call-early", ToolRights.inherited(), future,
            future + 60);

    assertRefused(flow.exchange(early, 0), Reason.NOT_YET_VALID);
  }

  @Test
  void onlyAToolCallTokenGetsCredentials() throws Exception {
    String grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file").token();

    for (String token : List.of(grant, task.encode(), turn.encode())) {
      HttpResponse<String> response = flow.exchange(token, 0);
      assertRefused(response, Reason.WRONG_LAYER);
      assertThat(VaultHttp.json(response).get("message").asText())
          .contains("derive a tool-call layer first");
    }
    WireHttp.Failure redeemedTask =
        catchThrowableOfType(WireHttp.Failure.class, () -> flow.redeem(task.encode()));
    assertThat(redeemedTask.status()).isEqualTo(403);
    assertThat(redeemedTask.code()).isEqualTo(Reason.WRONG_LAYER.code());
  }

  private void assertRefused(HttpResponse<String> response, Reason reason) {
    int status = reason == Reason.MALFORMED || reason == Reason.TRUNCATED ? 400 : 403;
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo(reason.code());
    String tag = call.encode().substring(call.encode().lastIndexOf('.') + 1);
    assertThat(error.get("message").asText())
        .isNotBlank()
        .doesNotContain(tag)
        .doesNotContain(vault.agentToken());
    assertThat(vault.issuances()).as("nothing is stored on a refusal").isEmpty();
  }
}
