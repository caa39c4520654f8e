package dev.tether.vault.internal.attest;

import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.exchange.ProofCheck;
import dev.tether.vault.internal.exchange.RequestTarget;
import dev.tether.vault.internal.grant.TokenRefusals;
import dev.tether.vault.internal.revoke.Revocations;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code POST /v1/attestations/nonces} (a nonce for the key that signs the request's proof) and
 * {@code POST /v1/attestations} (re-attestation: fresh evidence renews the binding a task token
 * names).
 */
public final class AttestationEndpoints {

  private final Attestations attestations;
  private final ChainVerifier verifier;
  private final ProofCheck proofs;
  private final String agentToken;
  private final Revocations revocations;
  private final Clock clock;

  /**
   * @param agentToken the bearer token agents present: a nonce request's proof covers it, as
   *     other requests' proofs cover the token they present
   */
  public AttestationEndpoints(
      Attestations attestations,
      ChainVerifier verifier,
      ProofCheck proofs,
      String agentToken,
      Revocations revocations,
      Clock clock) {
    this.attestations = attestations;
    this.revocations = revocations;
    this.verifier = verifier;
    this.proofs = proofs;
    this.agentToken = agentToken;
    this.clock = clock;
  }

  public AttestationNonce nonce(NonceRequest request, RequestTarget target)
      throws ExchangeRefused {
    String key = proofs.check(target, agentToken, null);
    return attestations.nonce(request, key, clock.instant());
  }

  public Binding reattest(ReattestRequest request, RequestTarget target) throws ExchangeRefused {
    Instant now = clock.instant();
    VerifiedChain chain;
    try {
      chain = verifier.verify(request.token(), now);
    } catch (ChainRefusal refusal) {
      throw TokenRefusals.refused("the token", refusal);
    }
    if (chain.confirmation() == null) {
      throw new ExchangeRefused(403, Attestations.REQUIRED,
          "only a task token (or one derived from it) has a binding to renew; redeem the grant"
              + " first");
    }
    // Re-binds the key: signed with it, as the redemption was, never MACed with a session key.
    String key = proofs.checkSigned(target, request.token(), chain.confirmation());
    revocations.check(chain); // a revoked task's binding is not renewed (nor its nonce spent)
    return attestations.renew(chain.attestation(), request.evidence(), key, now);
  }
}
