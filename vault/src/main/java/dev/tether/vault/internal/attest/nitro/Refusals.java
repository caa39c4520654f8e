package dev.tether.vault.internal.attest.nitro;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;

/** Short-hands for the refusals this package raises. */
final class Refusals {

  private Refusals() {}

  static EvidenceRefused malformed(String what) {
    return new EvidenceRefused(
        Reason.MALFORMED,
        "not a valid Nitro attestation document: "
            + what
            + "; send the document exactly as the NSM returned it");
  }
}
