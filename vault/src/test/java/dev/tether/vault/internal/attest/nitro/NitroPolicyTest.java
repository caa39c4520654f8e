package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.NitroVectors.document;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.timestamp;
import static dev.tether.vault.internal.attest.nitro.NitroVerifierVectorsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import org.junit.jupiter.api.Test;

/** PCR pinning and debug mode, against real production and debug-mode documents. */
class NitroPolicyTest {

  private static final String PRODUCTION = "evervault-san_2023-01-18_us-east-1_pcr8";
  private static final String DEBUG = "evervault-san_2023-01-18_us-east-1_debug";

  // From upstream's test-specs/beta/valid_attestation_doc_in_non_debug_mode_with_correct_pcrs
  // _time_sensitive.json, which expects them for the PRODUCTION document.
  private static final String PCR0 =
      "d265a83faa7b4fa0d73b82b6d06253e894445922937d0ee5a74fe4891da9817611a71e71b98e5329232902de3cf419af";
  private static final String PCR1 =
      "bcdf05fefccaa8e55bf2c8d6dee9e79bbff31e34bf28a99aa19e6b29c37ee80b214a414b7607236edf26fcb78654e63f";
  private static final String PCR2 =
      "e4f634d24ad83b7f6e49fe283bafdb220f6252fb4a278a858e19d15b7cd0f263b9168ed0bacefb4444266df9f9a77f24";
  private static final String PCR8 =
      "97c5395a83c0d6a04d53ff962663c714c178c24500bf97f78456ed3721d922cf3f940614da4bb90107c439bc4a1443ca";

  @Test
  void theDefaultAdmitsAProductionEnclaveAndRefusesADebugOne() throws Exception {
    NitroVerifier verifier = new NitroVerifier(NitroPolicy.defaults());
    assertThat(verifier.verify(document(PRODUCTION), timestamp(PRODUCTION)).fields())
        .containsEntry("debug", "no");

    EvidenceRefused refused = refusal(verifier, document(DEBUG), timestamp(DEBUG));
    assertThat(refused.reason()).isEqualTo(Reason.POLICY);
    assertThat(refused.getMessage())
        .contains("i-06e1ffc9a8410edb1-enc0185c56e099c2d54 runs in debug mode")
        .contains("PCR0, PCR1 and PCR2 all zero");
  }

  @Test
  void debugModeIsAdmittedOnlyWhenAllowed() throws Exception {
    NitroVerifier verifier = new NitroVerifier(NitroPolicy.defaults().withDebugAllowed(true));
    assertThat(verifier.verify(document(DEBUG), timestamp(DEBUG)).fields())
        .containsEntry("debug", "yes");
    assertThat(NitroPolicy.defaults().debugAllowed()).isFalse();
  }

  @Test
  void pinnedPcrsThatMatchAreAdmitted() throws Exception {
    NitroPolicy policy =
        NitroPolicy.defaults()
            .withExpectedPcr(0, PCR0)
            .withExpectedPcr(1, PCR1)
            .withExpectedPcr(2, PCR2.toUpperCase())
            .withExpectedPcr(8, PCR8);
    assertThat(policy.expectedPcrs()).containsOnlyKeys(0, 1, 2, 8).containsEntry(2, PCR2);

    assertThat(
            new NitroVerifier(policy)
                .verify(document(PRODUCTION), timestamp(PRODUCTION))
                .workload())
        .isEqualTo("i-0ec0e572c8263d8ff-enc0185c4fd382eeb25");
  }

  @Test
  void aPinnedPcrThatDiffersIsRefusedNamingThePcrAndBothValues() {
    String other = "00" + PCR8.substring(2);
    NitroVerifier verifier =
        new NitroVerifier(
            NitroPolicy.defaults().withExpectedPcr(0, PCR0).withExpectedPcr(8, other));

    EvidenceRefused refused = refusal(verifier, document(PRODUCTION), timestamp(PRODUCTION));
    assertThat(refused.reason()).isEqualTo(Reason.POLICY);
    assertThat(refused.getMessage())
        .startsWith(
            "PCR8 of enclave i-0ec0e572c8263d8ff-enc0185c4fd382eeb25 is 97c5395a83c0d6a0..."
                + " but the Nitro policy expects 00c5395a83c0d6a0...");
  }

  @Test
  void aPinnedPcrTheDocumentLacksIsRefused() {
    NitroVerifier verifier = new NitroVerifier(NitroPolicy.defaults().withExpectedPcr(20, PCR0));
    EvidenceRefused refused = refusal(verifier, document(PRODUCTION), timestamp(PRODUCTION));
    assertThat(refused.reason()).isEqualTo(Reason.POLICY);
    assertThat(refused.getMessage()).contains("PCR20 of enclave", "is absent");
  }

  @Test
  void aDebugEnclaveFailsAPinnedImageEvenWhenDebugIsAllowed() {
    NitroVerifier verifier =
        new NitroVerifier(NitroPolicy.defaults().withDebugAllowed(true).withExpectedPcr(0, PCR0));
    EvidenceRefused refused = refusal(verifier, document(DEBUG), timestamp(DEBUG));
    assertThat(refused.reason()).isEqualTo(Reason.POLICY);
    assertThat(refused.getMessage()).contains("PCR0 of enclave", "is 0000000000000000...");
  }

  @Test
  void policyIsCheckedOnlyForGenuineDocuments() {
    // An expired debug document is refused as expired, not as debug: trust comes first.
    EvidenceRefused refused =
        refusal(new NitroVerifier(NitroPolicy.defaults()), document(DEBUG), NitroVectors.TODAY);
    assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void badPcrValuesAreRefusedWhenThePolicyIsBuilt() {
    NitroPolicy policy = NitroPolicy.defaults();
    assertThatThrownBy(() -> policy.withExpectedPcr(32, PCR0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PCR index 32 is out of range");
    assertThatThrownBy(() -> policy.withExpectedPcr(-1, PCR0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withExpectedPcr(0, "xyz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hex digits");
    assertThatThrownBy(() -> policy.withExpectedPcr(0, "abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PCR0 is 2 bytes; expected 48");
    assertThat(policy.expectedPcrs()).isEmpty(); // the original is unchanged
  }
}
