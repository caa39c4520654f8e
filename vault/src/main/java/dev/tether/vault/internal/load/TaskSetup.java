package dev.tether.vault.internal.load;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.token.Attenuation;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * Sets tasks up the way their real parties do, over HTTP: the orchestrator asks for a grant, the
 * workload asks for an attestation nonce (with a proof), its launcher signs local evidence over
 * that nonce and the workload key, and the workload redeems the grant with the evidence and a
 * proof, which binds the task token to its key, and receives the session proof key its later proofs
 * are MACed with. The agent's turn token is then derived offline.
 */
final class TaskSetup {

  static final String USER = "load@tether.example";
  static final String REPO = "github.com/tether-load/bench";
  static final String AGENT = "tether-load";
  private static final int TIMEOUT_MILLIS = 30_000;
  /** A turn token lives at most this long, as the agent's do. */
  private static final long TURN_SECONDS = 3600;

  private final URI vault;
  private final String agentToken;
  private final String orchestratorToken;
  private final LauncherKey launcher;
  private final String tool;
  private final boolean sessionProofs;
  private final SecureRandom random = new SecureRandom();

  TaskSetup(URI vault, String agentToken, String orchestratorToken, LauncherKey launcher,
      String tool, boolean sessionProofs) {
    this.sessionProofs = sessionProofs;
    this.vault = vault;
    this.agentToken = agentToken;
    this.orchestratorToken = orchestratorToken;
    this.launcher = launcher;
    this.tool = tool;
  }

  /**
   * @throws WireHttp.Failure if the Vault refuses a step (the message names it)
   */
  LoadTask setUp(String taskId) throws WireHttp.Failure {
    IssuedToken grant = WireHttp.post(vault, "/v1/grants", orchestratorToken, TIMEOUT_MILLIS,
        new GrantRequest(taskId, USER, List.of(REPO), List.of(tool), 0), IssuedToken.class);
    ProofKey key = new ProofKey(random);
    String agentTokenHash = PopProofs.tokenHash(agentToken);
    AttestationNonce nonce = WireHttp.post(vault, "/v1/attestations/nonces", agentToken,
        TIMEOUT_MILLIS, new NonceRequest("local"), AttestationNonce.class,
        url -> key.proof("POST", url, agentTokenHash, now()));
    LocalAttestor attestor = new LocalAttestor(launcher, "tether-load " + taskId);
    String evidence;
    try {
      evidence = attestor.evidence(attestor.ticket(), nonce.nonce(), key.thumbprint(), now());
    } catch (LocalEvidenceException e) {
      throw new IllegalStateException("the load run's launcher refused evidence: "
          + e.getMessage(), e);
    }
    String grantHash = PopProofs.tokenHash(grant.token());
    IssuedToken task = WireHttp.post(vault, "/v1/tasks", agentToken, TIMEOUT_MILLIS,
        new RedeemRequest(grant.token(), AGENT, new Evidence("local", nonce.nonce(), evidence)),
        IssuedToken.class, url -> key.proof("POST", url, grantHash, now()));
    if (sessionProofs) {
      if (task.proofKey() == null) {
        throw new IllegalStateException("the Vault handed over no session proof key at"
            + " redemption (it does so only over TLS or loopback); run with --proofs signed");
      }
      key.useSessionKey(task.proofKeyId(), task.proofKey());
    }
    return new LoadTask(key, turn(LayeredToken.parse(task.token())), tool);
  }

  private LayeredToken turn(LayeredToken task) {
    TokenLayer parent = task.last();
    long now = now();
    TokenLayer turn = new TokenLayer(
        LayerKind.TURN, TokenMinter.newId("tn-"), parent.id(), null, null, null, null,
        "turn:1", now, Math.min(parent.expiresAt(), now + TURN_SECONDS), parent.repos(),
        Map.of(tool, ToolRights.inherited()));
    try {
      return Attenuation.derive(task, turn);
    } catch (ChainRefusal e) {
      throw new IllegalStateException("cannot derive a turn token: " + e.getMessage(), e);
    }
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
