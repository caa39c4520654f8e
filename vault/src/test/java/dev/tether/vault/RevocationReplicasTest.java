package dev.tether.vault;

import static dev.tether.vault.SharedStoreReplicas.AGENT_TOKEN;
import static dev.tether.vault.SharedStoreReplicas.ORCHESTRATOR_TOKEN;
import static dev.tether.vault.SharedStoreReplicas.RESOURCE_SERVER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.core.wire.RevocationStatus;
import dev.tether.core.wire.RevocationStatusRequest;
import dev.tether.core.wire.WireJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A revocation made at one replica is honoured by every replica sharing its Redis, at once, and by
 * a replica started after it.
 */
class RevocationReplicasTest {


  @RegisterExtension
  static final SharedStoreReplicas replicas = new SharedStoreReplicas("tether-vault/revocation-replicas");

  @Test
  void aRevocationMadeAtOneReplicaIsHonouredByTheOthers() throws Exception {
    TetherVault a = replica();
    TetherVault b = replica();
    TokenFlow atA = new TokenFlow(a);
    TokenFlow atB = new TokenFlow(b);
    LayeredToken task = atA.task("read_file", "list_bucket");
    LayeredToken read = TokenFlow.toolCall(task, "read_file", "call-1");
    LayeredToken list = TokenFlow.toolCall(task, "list_bucket", "call-2");
    assertThat(atB.exchange(read, 0).statusCode()).isEqualTo(200);

    Revocation tool = new OrchestratorClient(a.url(), ORCHESTRATOR_TOKEN, 10_000)
        .revoke(new RevocationRequest(TokenFlow.TASK, "read_file", "tool leaked a key"));

    HttpResponse<String> atBRead = atB.exchange(read, 0);
    assertThat(atBRead.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(atBRead).get("error").asText()).isEqualTo("tool_revoked");
    assertThat(VaultHttp.json(atBRead).get("message").asText()).contains(tool.id())
        .contains("tool leaked a key");
    assertThat(atB.exchange(list, 0).statusCode()).isEqualTo(200);
    assertThat(status(b, task).tools()).containsExactly(tool);

    // The other way round, for the whole task, and a replica started afterwards knows it too.
    Revocation whole = new OrchestratorClient(b.url(), ORCHESTRATOR_TOKEN, 10_000)
        .revoke(new RevocationRequest(TokenFlow.TASK, null, "contained"));
    HttpResponse<String> atAList = atA.exchange(list, 0);
    assertThat(VaultHttp.json(atAList).get("error").asText()).isEqualTo("task_revoked");
    a.close();
    TetherVault c = replica();
    HttpResponse<String> atC = new TokenFlow(c).exchange(list, 0);
    assertThat(atC.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(atC).get("message").asText()).contains(whole.id());
    RevocationStatus status = status(c, task);
    assertThat(status.revoked()).isTrue();
    assertThat(status.revocation()).isEqualTo(whole);
    assertThat(status.tools()).containsExactly(tool);
  }

  private RevocationStatus status(TetherVault replica, LayeredToken token) {
    HttpResponse<String> response = new VaultHttp(replica.url()).post("/v1/revocations/status",
        AGENT_TOKEN, WireJson.write(new RevocationStatusRequest(token.encode())));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WireJson.read(response.body().getBytes(StandardCharsets.UTF_8),
        RevocationStatus.class);
  }

  private TetherVault replica() {
    return replicas.replica();
  }
}
