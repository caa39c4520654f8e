package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;

/**
 * The local provider, looked up at the first attestation rather than at start-up: a runtime (or
 * the one-process demo) may set the attestor's address and ticket after premain. Once found, the
 * client is kept, ticket included, for re-attestation.
 */
final class LazyLocalAttestor implements Attestor {

  private final AttestationConfig.Local config;
  private volatile LocalAttestorClient client;

  LazyLocalAttestor(AttestationConfig.Local config) {
    this.config = config;
  }

  @Override
  public String kind() {
    return LocalAttestorClient.KIND;
  }

  @Override
  public Evidence evidence(String nonce, WorkloadKey key) throws AttestationUnavailable {
    LocalAttestorClient c = client;
    if (c == null) {
      c = LocalAttestorClient.fromEnvironment(config);
      if (c.isComplete()) {
        client = c;
      }
    }
    return c.evidence(nonce, key);
  }
}
