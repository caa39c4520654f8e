package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.vault.internal.attest.nitro.NitroPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code serve} attestation options, NitroTPM admission above all. */
class AttestationOptionsTest {

  private static final String PCR4 = "a1".repeat(48);
  private static final String PCR7 = "b2".repeat(48);
  private static final String PCR12 = "C3".repeat(48);

  @Test
  void nitroAdmitsEnclaveDocumentsOnlyByDefault() {
    AttestationPolicy policy = parse("--attestation", "nitro", "--nitro-pcr", "0=" + PCR4);

    assertThat(policy.nitroTpm()).isFalse();
    assertThat(policy.nitroTpmPcrs()).isEmpty();
    NitroPolicy nitro = policy.nitroPolicy();
    assertThat(nitro.tpmAllowed()).isFalse();
    assertThat(nitro.expectedPcrs()).containsOnlyKeys(0);
    assertThat(nitro.expectedTpmPcrs()).isEmpty();
  }

  @Test
  void nitroTpmAllowWithPinnedPcrsAdmitsThemUnderTheirOwnPins() {
    AttestationPolicy policy =
        parse("--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "4=" + PCR4,
            "--nitro-tpm-pcr=12=" + PCR12, "--nitro-pcr", "8=" + PCR7);

    assertThat(policy.nitroTpm()).isTrue();
    NitroPolicy nitro = policy.nitroPolicy();
    assertThat(nitro.tpmAllowed()).isTrue();
    assertThat(nitro.expectedTpmPcrs())
        .containsExactly(Map.entry(4, PCR4), Map.entry(12, PCR12.toLowerCase()));
    assertThat(nitro.expectedPcrs()).containsOnlyKeys(8); // enclave pins stay apart
    assertThat(policy.toString()).contains("nitroTpm=true", "nitroTpmPcrs=[4, 12]");
    // Later copies keep the NitroTPM settings.
    assertThat(policy.withMaxAge(java.time.Duration.ofMinutes(5)).nitroPolicy().tpmAllowed())
        .isTrue();

    assertThat(parse("--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr",
        "7=" + PCR7).nitroPolicy().expectedTpmPcrs()).containsOnlyKeys(7);
  }

  @Test
  void nitroTpmNeedsAnExplicitAllowAndAMeaningfulPin() {
    assertRefused("--nitro-tpm allow needs the NitroTPM PCRs of your attestable AMI",
        "--attestation", "nitro", "--nitro-tpm", "allow");
    // PCR0 and PCR1 are AWS's firmware, the same on every instance: not enough on their own.
    assertRefused("PCR0 and PCR1 are the same on every instance",
        "--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "0=" + PCR4,
        "--nitro-tpm-pcr", "1=" + PCR7);
    assertRefused("NitroTPM PCRs are pinned (--nitro-tpm-pcr) but NitroTPM documents are refused;"
        + " add --nitro-tpm allow", "--attestation", "nitro", "--nitro-tpm-pcr", "4=" + PCR4);
    assertRefused("add nitro to --attestation",
        "--attestation", "ec2-iid", "--ec2-account", "123456789012", "--nitro-tpm", "allow",
        "--nitro-tpm-pcr", "4=" + PCR4);
    assertRefused("--nitro-tpm takes allow or refuse, not 'yes'",
        "--attestation", "nitro", "--nitro-tpm", "yes");
  }

  @Test
  void nitroTpmPcrsAreValidatedLikeEnclavePcrs() {
    assertRefused("--nitro-tpm-pcr takes INDEX=HEX, e.g. --nitro-tpm-pcr 4=ab12..., not '4'",
        "--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "4");
    assertRefused("--nitro-tpm-pcr INDEX must be a number, not 'four'",
        "--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "four=" + PCR4);
    assertRefused("NitroTPM PCR4 is 2 bytes; expected 48",
        "--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "4=abcd");
    assertRefused("NitroTPM PCR index 32 is out of range",
        "--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "32=" + PCR4);
    assertRefused("--nitro-tpm-pcr gives PCR4 twice",
        "--attestation", "nitro", "--nitro-tpm", "allow", "--nitro-tpm-pcr", "4=" + PCR4,
        "--nitro-tpm-pcr", "4=" + PCR7);
    assertRefused("--nitro-pcr gives PCR0 twice",
        "--attestation", "nitro", "--nitro-pcr", "0=" + PCR4, "--nitro-pcr", "0=" + PCR7);
  }

  private static AttestationPolicy parse(String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "serve";
    System.arraycopy(options, 0, args, 1, options.length);
    return AttestationOptions.parse(
        CommandArgs.parse(args, AttestationOptions.OPTIONS, AttestationOptions.REPEATABLE),
        VaultSettings.Mode.AWS);
  }

  private static void assertRefused(String messagePart, String... options) {
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(messagePart);
  }
}
