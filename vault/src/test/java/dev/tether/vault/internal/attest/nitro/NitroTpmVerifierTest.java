package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.Bytes.indexOf;
import static dev.tether.vault.internal.attest.nitro.NitroVerifierVectorsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborInteger;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborSimple;
import dev.tether.core.cbor.CborValue;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.attest.VerifiedEvidence;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * NitroTPM attestation documents ({@code nitrotpm_pcrs}) through the same checks as enclave
 * documents, and their own policy. Every document here is signed by {@link TestNitroPki}, built to
 * AWS's published format: no real NitroTPM document was available.
 */
class NitroTpmVerifierTest {

  private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
  private static final TestNitroPki PKI = TestNitroPki.issuedAt(AT);

  /** Standard boot of an attestable AMI: PCR4 (boot binaries) and PCR12 (command line). */
  private static final NitroPolicy ADMITTED =
      NitroPolicy.defaults()
          .withTpmAllowed(true)
          .withExpectedTpmPcr(4, TestNitroPki.pcrHex(4))
          .withExpectedTpmPcr(12, TestNitroPki.pcrHex(12).toUpperCase());

  private static final byte[] NONCE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
  private static final byte[] USER_DATA = new byte[32];

  @Test
  void aGenuineNitroTpmDocumentWithThePinnedPcrsVerifies() throws Exception {
    byte[] document =
        PKI.tpmDocument()
            .withBytes("nonce", NONCE)
            .withBytes("user_data", USER_DATA)
            .with("public_key", CborSimple.NULL)
            .signed();

    VerifiedEvidence verified = PKI.verifier(ADMITTED).verify(document, AT);

    assertThat(verified.kind()).isEqualTo("nitro");
    assertThat(verified.workload()).isEqualTo(TestNitroPki.MODULE_ID);
    assertThat(verified.issuedAt()).isEqualTo(AT);
    assertThat(verified.nonce()).isEqualTo(NONCE);
    assertThat(verified.userData()).isEqualTo(USER_DATA);
    assertThat(verified.publicKey()).isNull();
    Map<String, String> fields = verified.fields();
    assertThat(fields.keySet()).first().isEqualTo(NitroVerifier.DOCUMENT_FIELD);
    assertThat(fields)
        .containsEntry("document", "nitro-tpm")
        .containsEntry("module_id", TestNitroPki.MODULE_ID)
        .containsEntry("digest", "SHA384")
        .containsEntry("nitrotpm_pcr4", TestNitroPki.pcrHex(4))
        .containsEntry("nitrotpm_pcr23", "0".repeat(96)) // zero registers are listed too
        .containsEntry("public_key", "null")
        .doesNotContainKeys("debug", "pcr4");
    assertThat(fields.keySet().stream().filter(key -> key.startsWith("nitrotpm_pcr")))
        .hasSize(24);
  }

  @Test
  void aPinnedNitroTpmPcrThatDiffersOrIsAbsentIsRefusedByPolicy() {
    byte[] document = PKI.tpmDocument().signed();
    String other = "ff" + TestNitroPki.pcrHex(7).substring(2);

    EvidenceRefused differs =
        refusal(PKI.verifier(ADMITTED.withExpectedTpmPcr(7, other)), document, AT);
    assertThat(differs.reason()).isEqualTo(Reason.POLICY);
    assertThat(differs.getMessage())
        .startsWith(
            "NitroTPM PCR7 of instance "
                + TestNitroPki.MODULE_ID
                + " is "
                + TestNitroPki.pcrHex(7).substring(0, 16)
                + "... but the Nitro policy expects ff"
                + TestNitroPki.pcrHex(7).substring(2, 16)
                + "...")
        .contains("attestable AMI", "--nitro-tpm-pcr");

    EvidenceRefused absent =
        refusal(
            PKI.verifier(ADMITTED.withExpectedTpmPcr(30, TestNitroPki.pcrHex(4))), document, AT);
    assertThat(absent.reason()).isEqualTo(Reason.POLICY);
    assertThat(absent.getMessage()).contains("NitroTPM PCR30 of instance", "is absent");
  }

  @Test
  void nitroTpmDocumentsAreRefusedUnlessAdmitted() throws Exception {
    byte[] document = PKI.tpmDocument().signed();
    assertThat(NitroPolicy.defaults().tpmAllowed()).isFalse();

    for (NitroPolicy enclaveOnly :
        List.of(
            NitroPolicy.defaults(),
            NitroPolicy.defaults().withDebugAllowed(true),
            NitroPolicy.defaults().withExpectedTpmPcr(4, TestNitroPki.pcrHex(4)))) {
      EvidenceRefused refused = refusal(PKI.verifier(enclaveOnly), document, AT);
      assertThat(refused.reason()).isEqualTo(Reason.POLICY);
      assertThat(refused.getMessage())
          .startsWith("this is a NitroTPM attestation document (nitrotpm_pcrs) from i-0a1b")
          .contains("not an enclave", "--nitro-tpm allow");
    }
    // Admission is checked only for genuine documents: an expired one is EXPIRED.
    assertThat(
            refusal(PKI.verifier(NitroPolicy.defaults()), document, PKI.leafNotAfter().plusSeconds(1))
                .reason())
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void enclavePinsAndDebugModeDoNotApplyToNitroTpmDocuments() throws Exception {
    // PCR0-2 zero would be debug mode in an enclave; a NitroTPM instance has no debug mode, and
    // enclave pins name enclave registers, not the instance's.
    Map<Integer, byte[]> zeros = new TreeMap<>();
    for (int index = 0; index <= 4; index++) {
      zeros.put(index, index == 4 ? TestNitroPki.pcr(4) : new byte[48]);
    }
    byte[] document =
        PKI.tpmDocument().with("nitrotpm_pcrs", TestNitroPki.pcrMap(zeros)).signed();
    NitroPolicy policy =
        NitroPolicy.defaults()
            .withTpmAllowed(true)
            .withExpectedPcr(4, "ab".repeat(48))
            .withExpectedTpmPcr(4, TestNitroPki.pcrHex(4));

    assertThat(PKI.verifier(policy).verify(document, AT).fields())
        .containsEntry("document", "nitro-tpm")
        .containsEntry("nitrotpm_pcr0", "0".repeat(96));
  }

  @Test
  void realEnclaveDocumentsIgnoreNitroTpmPinsAndAdmission() throws Exception {
    String name = "evervault-san_2023-01-18_us-east-1_pcr8";
    NitroPolicy policy =
        NitroPolicy.defaults().withTpmAllowed(true).withExpectedTpmPcr(8, "00".repeat(48));

    VerifiedEvidence verified =
        new NitroVerifier(policy).verify(NitroVectors.document(name), NitroVectors.timestamp(name));
    assertThat(verified.fields())
        .containsEntry("document", "enclave")
        .containsEntry("debug", "no")
        .containsKey("pcr8");
    assertThat(verified.fields().keySet()).noneMatch(key -> key.startsWith("nitrotpm_"));
  }

  @Test
  void aFlippedSignatureOrPayloadByteIsABadSignature() {
    byte[] signature = PKI.tpmDocument().signed();
    signature[signature.length - 96] ^= 0x01;
    assertThat(refusal(PKI.verifier(ADMITTED), signature, AT).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);

    byte[] payload = PKI.tpmDocument().signed();
    byte[] pcr12 = TestNitroPki.pcr(12);
    int at = indexOf(payload, pcr12);
    assertThat(at).as("PCR12 is in the payload").isPositive();
    payload[at + 7] ^= 0x01;
    assertThat(refusal(PKI.verifier(ADMITTED), payload, AT).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);

    // A genuine chain whose leaf did not sign: signed with the root's key instead.
    byte[] wrongKey = PKI.tpmDocument().signedBy(PKI.rootPrivateKey());
    assertThat(refusal(PKI.verifier(ADMITTED), wrongKey, AT).getMessage())
        .contains("does not verify with its signing certificate's key");
  }

  @Test
  void aForeignChainIsUntrusted() {
    TestNitroPki foreign = TestNitroPki.issuedAt(AT);

    // Its own root in cabundle[0]: not the one the verifier trusts.
    EvidenceRefused ownRoot = refusal(PKI.verifier(ADMITTED), foreign.tpmDocument().signed(), AT);
    assertThat(ownRoot.reason()).isEqualTo(Reason.UNTRUSTED);
    assertThat(ownRoot.getMessage()).startsWith("cabundle[0] is not the AWS Nitro Enclaves root G1");

    // The trusted root copied into cabundle[0]: the foreign intermediate does not chain to it.
    byte[] borrowedRoot =
        foreign
            .tpmDocument()
            .with("cabundle", CborArray.of(List.of(PKI.rootDer(), foreign.intermediateDer())))
            .signed();
    EvidenceRefused chain = refusal(PKI.verifier(ADMITTED), borrowedRoot, AT);
    assertThat(chain.reason()).isEqualTo(Reason.UNTRUSTED);
    assertThat(chain.getMessage()).contains("cabundle[1]");

    // And the Vault's real verifier, with the AWS root, trusts no test document.
    EvidenceRefused aws = refusal(new NitroVerifier(ADMITTED), PKI.tpmDocument().signed(), AT);
    assertThat(aws.reason()).isEqualTo(Reason.UNTRUSTED);
  }

  @Test
  void expiredAndFutureDocumentsAreRefusedByTime() {
    byte[] document = PKI.tpmDocument().signed();
    EvidenceRefused expired =
        refusal(PKI.verifier(ADMITTED), document, PKI.leafNotAfter().plusSeconds(1));
    assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(expired.getMessage()).startsWith("the signing certificate has expired");

    byte[] future = PKI.tpmDocument().dated(AT.plusSeconds(60)).signed();
    EvidenceRefused notYet = refusal(PKI.verifier(ADMITTED), future, AT);
    assertThat(notYet.reason()).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(notYet.getMessage()).contains("is after the verification instant");
  }

  @Test
  void aDocumentWithBothPcrMapsOrNeitherIsMalformed() {
    Map<Integer, byte[]> enclave = Map.of(0, new byte[48], 1, new byte[48], 2, new byte[48]);
    byte[] both = PKI.tpmDocument().with("pcrs", TestNitroPki.pcrMap(enclave)).signed();
    EvidenceRefused refusedBoth = refusal(PKI.verifier(ADMITTED), both, AT);
    assertThat(refusedBoth.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refusedBoth.getMessage())
        .contains("has both pcrs (Nitro Enclaves) and nitrotpm_pcrs (NitroTPM)");

    byte[] neither = PKI.tpmDocument().with("nitrotpm_pcrs", null).signed();
    EvidenceRefused refusedNeither = refusal(PKI.verifier(ADMITTED), neither, AT);
    assertThat(refusedNeither.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refusedNeither.getMessage()).contains("has neither pcrs", "nor nitrotpm_pcrs");

    // CBOR null is no map either: it counts as present, and is refused for its shape.
    byte[] nullMap = PKI.tpmDocument().with("nitrotpm_pcrs", CborSimple.NULL).signed();
    assertThat(refusal(PKI.verifier(ADMITTED), nullMap, AT).getMessage())
        .contains("nitrotpm_pcrs must be a map of 1 to 32 entries");
  }

  @Test
  void nitroTpmPcrMapsOfTheWrongShapeAreMalformed() {
    Map<CborValue, CborValue> highIndex = new LinkedHashMap<>();
    highIndex.put(CborInteger.of(32), CborByteString.of(new byte[48]));
    assertThat(malformed(PKI.tpmDocument().with("nitrotpm_pcrs", CborMap.of(highIndex))))
        .contains("nitrotpm_pcrs keys must be PCR indexes 0 to 31");

    assertThat(
            malformed(
                PKI.tpmDocument()
                    .with("nitrotpm_pcrs", TestNitroPki.pcrMap(Map.of(4, new byte[47])))))
        .contains("nitrotpm_pcrs PCR4 must be a byte string of 32, 48 or 64 bytes");

    assertThat(malformed(PKI.tpmDocument().with("nitrotpm_pcrs", CborMap.of(Map.of()))))
        .contains("nitrotpm_pcrs must be a map of 1 to 32 entries");
    assertThat(malformed(PKI.tpmDocument().withBytes("nonce", new byte[1025])))
        .contains("nonce is 1025 bytes; expected 0 to 1024 bytes");
  }

  @Test
  void aNitroTpmDocumentNeedsOnlyThePcrsItsPolicyPins() throws Exception {
    // AWS lists the registers a document carries but promises no minimum set.
    byte[] document =
        PKI.tpmDocument()
            .with("nitrotpm_pcrs", TestNitroPki.pcrMap(Map.of(4, TestNitroPki.pcr(4))))
            .signed();
    NitroPolicy policy =
        NitroPolicy.defaults().withTpmAllowed(true).withExpectedTpmPcr(4, TestNitroPki.pcrHex(4));
    assertThat(PKI.verifier(policy).verify(document, AT).fields())
        .containsEntry("nitrotpm_pcr4", TestNitroPki.pcrHex(4))
        .doesNotContainKey("nitrotpm_pcr0");
  }

  @Test
  void badNitroTpmPinsAreRefusedWhenThePolicyIsBuilt() {
    NitroPolicy policy = NitroPolicy.defaults();
    assertThatThrownBy(() -> policy.withExpectedTpmPcr(32, TestNitroPki.pcrHex(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NitroTPM PCR index 32 is out of range");
    assertThatThrownBy(() -> policy.withExpectedTpmPcr(4, "xyz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NitroTPM PCR4 must be given in hex digits");
    assertThatThrownBy(() -> policy.withExpectedTpmPcr(12, "abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NitroTPM PCR12 is 2 bytes; expected 48");
    NitroPolicy pinned = policy.withExpectedTpmPcr(4, TestNitroPki.pcrHex(4).toUpperCase());
    assertThat(pinned.expectedTpmPcrs()).containsExactly(Map.entry(4, TestNitroPki.pcrHex(4)));
    assertThat(pinned.expectedPcrs()).isEmpty();
    assertThat(policy.expectedTpmPcrs()).isEmpty(); // the original is unchanged
  }

  private static String malformed(TestNitroPki.Document document) {
    EvidenceRefused refused = refusal(PKI.verifier(ADMITTED), document.signed(), AT);
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    return refused.getMessage();
  }
}
