package dev.tether.vault;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.WireHttp;
import java.net.URI;

/**
 * The tests' workload launcher: a launcher key the tests' Vaults trust, and the local attestor
 * of the one workload the tests run (the workload key of {@link WorkloadProofs}).
 */
final class TestLauncher {

  static final LauncherKey KEY = LauncherKey.generate();
  static final LocalAttestor ATTESTOR = new LocalAttestor(KEY, "pid test");

  private TestLauncher() {}

  /** Local attestation, trusting this launcher. */
  static AttestationPolicy policy() {
    return AttestationPolicy.defaults().withLauncher(KEY.publicKey());
  }

  /** A nonce from {@code vault}, asked for with a proof by {@link WorkloadProofs#KEY}. */
  static AttestationNonce nonce(URI vault, String agentToken, String kind) throws WireHttp.Failure {
    return WireHttp.post(vault, "/v1/attestations/nonces", agentToken, 5_000,
        new NonceRequest(kind), AttestationNonce.class,
        url -> WorkloadProofs.proof(url, agentToken));
  }

  /** Fresh local evidence for the tests' workload key, over a nonce from {@code vault}. */
  static Evidence evidence(URI vault, String agentToken) throws WireHttp.Failure {
    String nonce = nonce(vault, agentToken, "local").nonce();
    try {
      return new Evidence("local", nonce, ATTESTOR.evidence(ATTESTOR.ticket(), nonce,
          WorkloadProofs.KEY.thumbprint(), WorkloadProofs.clock.instant().getEpochSecond()));
    } catch (LocalEvidenceException e) {
      throw new IllegalStateException(e);
    }
  }
}
