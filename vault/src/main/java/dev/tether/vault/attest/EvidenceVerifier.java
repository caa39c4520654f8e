package dev.tether.vault.attest;

import java.time.Instant;

/**
 * Verifies one kind of attestation evidence (a Nitro attestation document, an EC2 instance
 * identity document, ...): its signature, its chain to the platform's trust anchor, and its
 * validity at a given instant. Binding the evidence to a Vault nonce and to the workload's key is
 * the caller's job, with the values {@link VerifiedEvidence} returns.
 */
public interface EvidenceVerifier {

  /** The evidence kind this verifier accepts, e.g. {@code nitro} or {@code ec2-iid}. */
  String kind();

  /**
   * @param evidence the evidence exactly as the workload produced it
   * @param at the instant to verify at (certificates must be valid then)
   * @throws EvidenceRefused naming what is wrong; never any other exception, whatever the bytes
   */
  VerifiedEvidence verify(byte[] evidence, Instant at) throws EvidenceRefused;
}
