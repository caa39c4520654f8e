package dev.tether.vault.internal;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalEvidence;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.attest.LocalStatement;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.PopRefused;
import dev.tether.core.pop.PopVerifier;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.replay.UsedOnce;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.exchange.FastEd25519;
import java.util.Map;

/**
 * Runs, once at start, the checks every agent's first requests need: an Ed25519 proof verified,
 * a local statement verified, a wire record read. The JDK loads and initialises its Ed25519 code
 * on first use (tens of milliseconds); done here, no agent's first redemption waits for it. Uses
 * its own keys and verifier, so nothing it does is remembered by the Vault.
 */
public final class VaultWarmUp {

  private VaultWarmUp() {}

  public static void run() {
    WorkloadKey key = WorkloadKey.generate();
    String url = "http://127.0.0.1/warm-up";
    String proof = PopProofs.create(key, "POST", url, "warm-up", 0);
    LauncherKey launcher = LauncherKey.generate();
    String evidence = LocalEvidence.issue(
        new LocalStatement("warm-up", key.thumbprint(), launcher.id(), "warm-up", 0), launcher);
    try {
      // With the verifier the Vault checks proofs with (Bouncy Castle's Ed25519, whose first use
      // builds its tables); the local statement below runs the JDK's Ed25519 verify.
      new PopVerifier(30, new UsedOnce(1), new FastEd25519())
          .verify(proof, "POST", url, "warm-up", null, 0);
      LocalEvidence.verify(evidence, Map.of(launcher.id(), launcher.publicKey()));
    } catch (PopRefused | LocalEvidenceException e) {
      throw new IllegalStateException("the Vault's own warm-up proof was refused: " + e.getMessage());
    }
    WireJson.read(WireJson.write(new RedeemRequest("tt1.warm-up", "warm-up", null)),
        RedeemRequest.class);
  }
}
