package dev.tether.agent.internal.attest;

import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;

/**
 * Produces attestation evidence: proof of where this workload runs, bound to the Vault's nonce and,
 * where the kind allows, to the workload key. One implementation per provider; see {@link
 * Attestors#create}.
 */
public interface Attestor {

  /** The evidence kind: {@code local}, {@code nitro}, {@code ec2-iid}, {@code agentcore}, ... */
  String kind();

  /**
   * Evidence over {@code nonce} for {@code key}, on the calling thread.
   *
   * @param nonce the nonce the Vault issued to {@code key} (base64url)
   * @throws AttestationUnavailable saying what failed and what to do; never naming a secret
   */
  Evidence evidence(String nonce, WorkloadKey key) throws AttestationUnavailable;
}
