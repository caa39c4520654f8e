package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.SessionProofKey;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session proof keys, attacked over HTTP: the key a redemption over loopback hands over proves
 * the exchanges of the workload that redeemed, and nobody else's, and never a redemption.
 */
class SessionProofTest {

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
  void aRedemptionOverLoopbackHandsOverAKeyThatProvesTheWorkloadsExchanges() throws Exception {
    WorkloadKey workload = WorkloadKey.generate();
    IssuedToken task = redeemAs(workload, grant("task-session-1"));
    String toolCall = toolCall(task, "call-1");

    HttpResponse<String> response = exchange(toolCall, sessionProof(task, toolCall));

    assertThat(task.proofKeyId()).isNotBlank();
    assertThat(task.proofKey()).hasSize(43); // 32 bytes, base64url
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(TokenFlow.credentials(response).accessKeyId()).isNotBlank();
  }

  @Test
  void anotherWorkloadsSessionKeyGetsNothingWithAStolenToken() throws Exception {
    IssuedToken victim = redeemAs(WorkloadKey.generate(), grant("task-session-victim"));
    IssuedToken thief = redeemAs(WorkloadKey.generate(), grant("task-session-thief"));
    String stolen = toolCall(victim, "call-stolen");
    int before = vault.issuances().size();

    HttpResponse<String> withThiefsKey = exchange(stolen, sessionProof(thief, stolen));

    assertThat(withThiefsKey.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(withThiefsKey).get("error").asText()).isEqualTo("pop_bad_signature");
    assertThat(vault.issuances()).hasSize(before);
  }

  @Test
  void aSessionKeyCannotRedeemAGrant() throws Exception {
    WorkloadKey workload = WorkloadKey.generate();
    IssuedToken first = redeemAs(workload, grant("task-session-2"));
    String second = grant("task-session-3");
    SessionProofKey session = SessionProofKey.decode(first.proofKeyId(), first.proofKey());

    WireHttp.Failure refused = redeemFailure(workload, second,
        url -> PopProofs.create(session, "POST", url, second, now()));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("pop_malformed");
    assertThat(refused.getMessage()).contains("EdDSA");
    // Refused before anything was spent: the workload key still redeems the grant.
    assertThat(redeemAs(workload, second).token()).isNotBlank();
  }

  @Test
  void aSessionProofIsGoodForOneRequest() throws Exception {
    IssuedToken task = redeemAs(WorkloadKey.generate(), grant("task-session-4"));
    String toolCall = toolCall(task, "call-once");
    String proof = sessionProof(task, toolCall);

    assertThat(exchange(toolCall, proof).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = exchange(toolCall, proof);

    assertThat(replayed.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(replayed).get("error").asText()).isEqualTo("pop_replayed");
  }

  @Test
  void aProofMacedWithAKeyTheVaultNeverIssuedIsRefused() throws Exception {
    IssuedToken task = redeemAs(WorkloadKey.generate(), grant("task-session-5"));
    String toolCall = toolCall(task, "call-guess");
    SessionProofKey guessed = new SessionProofKey(task.proofKeyId(), new byte[32]);
    SessionProofKey unknownRoot = new SessionProofKey("k-retired", new byte[32]);

    HttpResponse<String> zeros = exchange(toolCall, proof(guessed, toolCall));
    HttpResponse<String> retired = exchange(toolCall, proof(unknownRoot, toolCall));

    assertThat(VaultHttp.json(zeros).get("error").asText()).isEqualTo("pop_bad_signature");
    assertThat(VaultHttp.json(retired).get("error").asText()).isEqualTo("pop_wrong_key");
  }

  @Test
  void aReattestationMustBeSignedWithTheWorkloadKey() throws Exception {
    WorkloadKey workload = WorkloadKey.generate();
    IssuedToken task = redeemAs(workload, grant("task-session-6"));
    SessionProofKey session = SessionProofKey.decode(task.proofKeyId(), task.proofKey());
    URI reattest = vault.url().resolve("/v1/attestations");

    HttpResponse<String> maced = http.send(
        HttpRequest.newBuilder(reattest)
            .header("Authorization", "Bearer " + vault.agentToken())
            .header(PopProofs.HEADER,
                PopProofs.create(session, "POST", reattest.toString(), task.token(), now()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(
                new ReattestRequest(task.token(), evidence(workload)))))
            .build());

    assertThat(maced.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(maced).get("error").asText()).isEqualTo("pop_malformed");
    assertThat(VaultHttp.json(maced).get("message").asText()).contains("EdDSA");
  }

  // --- a workload of its own: its key, its nonce, its evidence, its redemption ---

  private static String grant(String taskId) throws WireHttp.Failure {
    return flow.grant(taskId, TokenFlow.USER, List.of(TokenFlow.REPO), "read_file").token();
  }

  private static IssuedToken redeemAs(WorkloadKey key, String grant) throws Exception {
    return WireHttp.post(vault.url(), "/v1/tasks", vault.agentToken(), 10_000,
        new RedeemRequest(grant, TokenFlow.AGENT, evidence(key)), IssuedToken.class,
        url -> PopProofs.create(key, "POST", url, grant, now()));
  }

  private static WireHttp.Failure redeemFailure(
      WorkloadKey key, String grant, java.util.function.Function<String, String> proof)
      throws Exception {
    try {
      WireHttp.post(vault.url(), "/v1/tasks", vault.agentToken(), 10_000,
          new RedeemRequest(grant, TokenFlow.AGENT, evidence(key)), IssuedToken.class,
          proof::apply);
    } catch (WireHttp.Failure expected) {
      return expected;
    }
    throw new AssertionError("the redemption was accepted");
  }

  private static Evidence evidence(WorkloadKey key) throws Exception {
    String agentToken = vault.agentToken();
    AttestationNonce nonce = WireHttp.post(vault.url(), "/v1/attestations/nonces", agentToken,
        10_000, new NonceRequest("local"), AttestationNonce.class,
        url -> PopProofs.create(key, "POST", url, agentToken, now()));
    // Each workload its own launch: a launcher binds one launch to one key.
    LocalAttestor launch = new LocalAttestor(TestLauncher.KEY, "pid " + key.thumbprint());
    try {
      return new Evidence("local", nonce.nonce(),
          launch.evidence(launch.ticket(), nonce.nonce(), key.thumbprint(), now()));
    } catch (LocalEvidenceException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String toolCall(IssuedToken task, String callId) throws Exception {
    return TokenFlow.toolCall(LayeredToken.parse(task.token()), "read_file", callId).encode();
  }

  private static String sessionProof(IssuedToken task, String token) {
    return proof(SessionProofKey.decode(task.proofKeyId(), task.proofKey()), token);
  }

  private static String proof(SessionProofKey key, String token) {
    return PopProofs.create(key, "POST", url().toString(), token, now());
  }

  private static URI url() {
    return vault.url().resolve("/v1/aws/credentials");
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static HttpResponse<String> exchange(String token, String proof) {
    return http.send(
        HttpRequest.newBuilder(url())
            .header("Authorization", "Bearer " + vault.agentToken())
            .header(PopProofs.HEADER, proof)
            .POST(HttpRequest.BodyPublishers.ofByteArray(
                WireJson.write(new AwsCredentialsRequest(token, 0))))
            .build());
  }
}
