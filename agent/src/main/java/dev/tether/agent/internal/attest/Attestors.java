package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.config.AttestationConfig;

/** Makes the {@link Attestor} the configuration names. */
public final class Attestors {

  private Attestors() {}

  /**
   * The configured provider. Nothing is contacted or read here (the local attestor's address and
   * ticket are read at the first attestation); problems surface at the first {@link
   * Attestor#evidence} call.
   */
  public static Attestor create(AttestationConfig config) {
    switch (config.provider()) {
      case AttestationConfig.LOCAL:
        return new LazyLocalAttestor(config.local());
      case AttestationConfig.NITRO:
        return new NitroCommandAttestor(config.nitro().command());
      case AttestationConfig.EC2_IID:
        return new Ec2IidAttestor(config.ec2Iid().imds(), config.ec2Iid().signature());
      case AttestationConfig.AGENTCORE:
        return new AgentCoreTokenAttestor(config.agentCore());
      case AttestationConfig.NETWORK:
        return new NetworkAttestor();
      default:
        throw new IllegalArgumentException(
            "unknown attestation provider '" + config.provider() + "'");
    }
  }
}
