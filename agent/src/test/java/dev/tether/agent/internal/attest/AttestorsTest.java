package dev.tether.agent.internal.attest;

import static dev.tether.agent.internal.attest.LocalAttestorClientTest.nonce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.agent.internal.config.ConfigException;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import org.junit.jupiter.api.Test;

class AttestorsTest {

  @Test
  void eachProviderGetsItsAttestor() throws ConfigException {
    assertThat(Attestors.create(AttestationConfig.defaults()))
        .isInstanceOf(LazyLocalAttestor.class)
        .extracting(Attestor::kind)
        .isEqualTo("local");
    assertThat(
            Attestors.create(
                attestation(
                    "attestation:\n  provider: nitro\n  nitro:\n"
                        + "    command: [/bin/attest, \"${nonce}\", \"${user_data}\"]\n")))
        .isInstanceOf(NitroCommandAttestor.class)
        .hasToString("NitroCommandAttestor[/bin/attest, ${nonce}, ${user_data}]")
        .extracting(Attestor::kind)
        .isEqualTo("nitro");
    assertThat(
            Attestors.create(
                attestation("attestation:\n  provider: ec2-iid\n  ec2-iid: {signature: pkcs7}\n")))
        .isInstanceOf(Ec2IidAttestor.class)
        .hasToString("Ec2IidAttestor[imds=http://169.254.169.254, signature=pkcs7]")
        .extracting(Attestor::kind)
        .isEqualTo("ec2-iid");
    assertThat(Attestors.create(AttestationConfig.of("agentcore")))
        .isInstanceOf(AgentCoreTokenAttestor.class)
        .extracting(Attestor::kind)
        .isEqualTo("agentcore");
    assertThat(Attestors.create(AttestationConfig.of("network")))
        .isInstanceOf(NetworkAttestor.class)
        .extracting(Attestor::kind)
        .isEqualTo("network");
  }

  @Test
  void networkEvidenceIsEmpty() {
    String nonce = nonce();
    assertThat(new NetworkAttestor().evidence(nonce, WorkloadKey.generate()))
        .isEqualTo(new Evidence("network", nonce, ""));
  }

  @Test
  void unavailableCarriesOnlyItsMessage() {
    AttestationUnavailable e = new AttestationUnavailable("what failed; what to do");
    assertThat(e).hasMessage("what failed; what to do").hasNoCause();
    assertThat(e.getStackTrace()).isEmpty();
    assertThatThrownBy(() -> new NitroCommandAttestor(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static AttestationConfig attestation(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, "t.yaml").attestation();
  }
}
