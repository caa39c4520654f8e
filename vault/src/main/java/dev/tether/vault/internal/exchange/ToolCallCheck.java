package dev.tether.vault.internal.exchange;

import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.Binding;
import dev.tether.vault.internal.attest.Attestations;
import dev.tether.vault.internal.grant.TokenRefusals;
import dev.tether.vault.internal.revoke.Revocations;
import java.time.Clock;

/**
 * What every exchange of a tool-call token checks first: the whole chain, that it ends in a
 * tool-call layer, the proof of possession of the key its task is bound to, that neither its task
 * nor its tool is revoked, and that the binding is fresh.
 */
public final class ToolCallCheck {

  /** A tool-call token that passed, with its binding. */
  public record Checked(VerifiedChain chain, Binding binding) {}

  private final ChainVerifier verifier;
  private final ProofCheck proofs;
  private final Attestations attestations;
  private final Revocations revocations;
  private final Clock clock;

  public ToolCallCheck(
      ChainVerifier verifier, ProofCheck proofs, Attestations attestations,
      Revocations revocations, Clock clock) {
    this.verifier = verifier;
    this.proofs = proofs;
    this.attestations = attestations;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** @param what what is exchanged for the token, for messages, e.g. {@code AWS credentials} */
  public Checked check(String token, RequestTarget target, String what) throws ExchangeRefused {
    VerifiedChain chain;
    try {
      chain = verifier.verify(token, clock.instant());
    } catch (ChainRefusal refusal) {
      throw TokenRefusals.refused("the tool-call token", refusal);
    }
    TokenLayer call = chain.last();
    if (call.kind() != LayerKind.TOOL) {
      throw new ExchangeRefused(
          403, ChainRefusal.Reason.WRONG_LAYER.code(),
          what + " are issued for a tool-call token only; this is a "
              + call.kind().wireName() + " token (derive a tool-call layer first)");
    }
    if (chain.confirmation() == null) {
      throw new ExchangeRefused(
          403, ChainRefusal.Reason.WRONG_LAYER.code(),
          "the token's task is bound to no workload key; redeem the grant with a proof of"
              + " possession");
    }
    proofs.check(target, token, chain.confirmation());
    // After the proof, so that only the workload learns why; before the binding, since a revoked
    // task has nothing to re-attest for.
    revocations.check(chain);
    Binding binding =
        attestations.requireFresh(chain.attestation(), chain.confirmation(), clock.instant());
    return new Checked(chain, binding);
  }
}
