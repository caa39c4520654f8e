package dev.tether.vault.internal.revoke;

import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.core.wire.RevocationStatus;
import dev.tether.core.wire.RevocationStatusRequest;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.exchange.ProofCheck;
import dev.tether.vault.internal.exchange.RequestTarget;
import dev.tether.vault.internal.grant.TokenRefusals;
import java.time.Clock;

/**
 * {@code POST /v1/revocations} (the orchestrator revokes a task or one tool of it) and {@code
 * POST /v1/revocations/status} (a workload asks, with its task token and a proof of possession,
 * what is revoked of its own task).
 *
 * <p>The status is a read of the task's current state rather than a feed of revocations since a
 * cursor: it is idempotent and needs no cursor on either side, so it reads the same at every
 * replica and after any restart; the agent learns only of its own task (the agent bearer token is
 * shared by every workload, and a feed would tell each of them every task's revocations and
 * reasons); and its answer is bounded by the task's tools.
 */
public final class RevocationEndpoints {

  private final Revocations revocations;
  private final ChainVerifier verifier;
  private final ProofCheck proofs;
  private final Clock clock;

  public RevocationEndpoints(
      Revocations revocations, ChainVerifier verifier, ProofCheck proofs, Clock clock) {
    this.revocations = revocations;
    this.verifier = verifier;
    this.proofs = proofs;
    this.clock = clock;
  }

  public Revocation revoke(RevocationRequest request, RequestTarget target)
      throws ExchangeRefused {
    return revocations.revoke(request, clock.instant());
  }

  /**
   * Answers for the task of a token whose proof is signed by the key it is bound to; a revoked
   * task is an answer here, not a refusal, and so is a stale binding (a workload must learn of a
   * revocation even while it cannot attest).
   */
  public RevocationStatus status(RevocationStatusRequest request, RequestTarget target)
      throws ExchangeRefused {
    VerifiedChain chain;
    try {
      chain = verifier.verify(request.token(), clock.instant());
    } catch (ChainRefusal refusal) {
      throw TokenRefusals.refused("the token", refusal);
    }
    if (chain.confirmation() == null) {
      throw new ExchangeRefused(403, ChainRefusal.Reason.WRONG_LAYER.code(),
          "the revocation status is read with the task token (or one derived from it), bound to"
              + " the workload's key; a grant has no such binding");
    }
    proofs.check(target, request.token(), chain.confirmation());
    return revocations.status(chain.scope().taskId(), chain.scope().tools().keySet());
  }
}
