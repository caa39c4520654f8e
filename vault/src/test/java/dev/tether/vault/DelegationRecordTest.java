package dev.tether.vault;

import static dev.tether.vault.TokenFlow.REPO;
import static dev.tether.vault.TokenFlow.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.IssuedToken;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each issuance records the chain it was verified from, and who delegated to whom. */
class DelegationRecordTest {

  private TetherVault vault;
  private TokenFlow flow;

  @BeforeEach
  void start() {
    vault = TetherVault.start(TokenFlow.settings());
    flow = new TokenFlow(vault);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void recordsGrantTaskTurnAndToolCall() throws Exception {
    IssuedToken grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file");
    IssuedToken task = flow.redeem(grant.token());
    LayeredToken turn = TokenFlow.turn(LayeredToken.parse(task.token()), "turn-7", "read_file");
    LayeredToken call = TokenFlow.toolCall(turn, "read_file", "call-1");

    assertThat(flow.exchange(call, 0).statusCode()).isEqualTo(200);

    Issuance issuance = vault.issuances().get(0);
    assertThat(issuance.chain())
        .containsExactly(grant.tokenId(), task.tokenId(), "turn-7", "call-1");
    assertThat(issuance.delegation())
        .containsExactly(
            "user:" + USER,
            "orchestrator:default",
            "agent:" + TokenFlow.AGENT,
            "turn:turn-7",
            "tool:read_file");
    assertThat(issuance.turnId()).isEqualTo("turn-7");
    assertThat(issuance.callId()).isEqualTo("call-1");
    assertThat(issuance.layers())
        .extracting(ChainLink::layer, ChainLink::id, ChainLink::actor)
        .containsExactly(
            tuple("grant", grant.tokenId(), "orchestrator:default"),
            tuple("task", task.tokenId(), "agent:" + TokenFlow.AGENT),
            tuple("turn", "turn-7", "turn:turn-7"),
            tuple("tool", "call-1", "tool:read_file"));

    JsonNode listed = VaultHttp.json(new VaultHttp(vault.url()).get("/v1/issuances",
        vault.agentToken())).get(0);
    assertThat(listed.get("chain").toString())
        .isEqualTo("[\"" + String.join("\",\"", issuance.chain()) + "\"]");
    assertThat(listed.get("delegation").get(4).asText()).isEqualTo("tool:read_file");
  }

  @Test
  void aToolCalledOutsideAnyTurnRecordsThreeLayers() throws Exception {
    LayeredToken task = flow.task("list_bucket");
    LayeredToken call = TokenFlow.toolCall(task, "list_bucket", "call-2");

    assertThat(flow.exchange(call, 0).statusCode()).isEqualTo(200);

    Issuance issuance = vault.issuances().get(0);
    assertThat(issuance.chain()).containsExactly(task.grant().id(), task.last().id(), "call-2");
    assertThat(issuance.delegation())
        .containsExactly(
            "user:" + USER, "orchestrator:default", "agent:" + TokenFlow.AGENT,
            "tool:list_bucket");
    assertThat(issuance.turnId()).isNull();
  }
}
