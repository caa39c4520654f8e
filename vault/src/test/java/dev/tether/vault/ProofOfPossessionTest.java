package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task token is bound to the key that redeemed the grant, and every exchange must prove
 * possession of it: a token taken out of the workload, without the key, gets nothing.
 */
class ProofOfPossessionTest {

  private static TetherVault vault;
  private static TokenFlow flow;
  private static VaultHttp http;

  @BeforeAll
  static void start() {
    vault = TetherVault.start(TokenFlow.settings());
    flow = new TokenFlow(vault);
    http = new VaultHttp(vault.url());
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void redemptionBindsTheTaskTokenToTheKeyThatSignedItsProof() throws Exception {
    LayeredToken task = flow.task("read_file");

    assertThat(task.layers().get(1).confirmation()).isEqualTo(WorkloadProofs.KEY.thumbprint());
  }

  @Test
  void aStolenToolCallTokenWithoutTheKeyGetsNothing() throws Exception {
    String toolCall = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-1").encode();
    int before = vault.issuances().size();
    WorkloadKey thief = WorkloadKey.generate();

    HttpResponse<String> noProof = send(toolCall, null);
    HttpResponse<String> ownKey = send(toolCall, proof(thief, toolCall));

    assertThat(noProof.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(noProof).get("error").asText()).isEqualTo("pop_missing");
    assertThat(ownKey.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(ownKey).get("error").asText()).isEqualTo("pop_wrong_key");
    assertThat(vault.issuances()).hasSize(before);
  }

  @Test
  void aCapturedProofCannotBeReplayedNorMovedToAnotherToken() throws Exception {
    LayeredToken task = flow.task("read_file");
    String first = TokenFlow.toolCall(task, "read_file", "call-a").encode();
    String second = TokenFlow.toolCall(task, "read_file", "call-b").encode();
    String captured = proof(WorkloadProofs.KEY, first);

    assertThat(send(first, captured).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = send(first, captured);
    HttpResponse<String> moved = send(second, captured);

    assertThat(VaultHttp.json(replayed).get("error").asText()).isEqualTo("pop_replayed");
    assertThat(VaultHttp.json(moved).get("error").asText()).isEqualTo("pop_wrong_token");
  }

  @Test
  void aStaleProofIsRefused() throws Exception {
    String toolCall = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-s").encode();
    String stale =
        PopProofs.create(
            WorkloadProofs.KEY, "POST", url().toString(), toolCall,
            System.currentTimeMillis() / 1000 - 120);

    HttpResponse<String> response = send(toolCall, stale);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(response).get("error").asText()).isEqualTo("pop_stale");
  }

  private static URI url() {
    return vault.url().resolve("/v1/aws/credentials");
  }

  private static String proof(WorkloadKey key, String token) {
    return PopProofs.create(key, "POST", url().toString(), token, System.currentTimeMillis() / 1000);
  }

  private static HttpResponse<String> send(String token, String proof) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url())
            .header("Authorization", "Bearer " + vault.agentToken())
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    WireJson.write(new AwsCredentialsRequest(token, 0))));
    if (proof != null) {
      request.header(PopProofs.HEADER, proof);
    }
    return http.send(request.build());
  }
}
