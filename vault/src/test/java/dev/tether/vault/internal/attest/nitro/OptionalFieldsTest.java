package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.NitroVectors.document;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.timestamp;
import static dev.tether.vault.internal.attest.nitro.NitroVerifierVectorsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.cbor.CborByteString;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.attest.VerifiedEvidence;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * public_key, user_data and nonce: absent, CBOR null and an empty byte string all bind nothing and
 * become {@code null}; the fields say which form the document used.
 */
class OptionalFieldsTest {

  private static final NitroVerifier VERIFIER =
      new NitroVerifier(NitroPolicy.defaults().withDebugAllowed(true));

  @Test
  void anEmptyByteStringBindsNothing() throws Exception {
    // hf-nitrite's public_key is h'' (AWS's text says 1 to 1024 bytes; the NSM signed it anyway).
    String name = "hf-nitrite-pr2_2021-10-28_us-east-2_debug";
    VerifiedEvidence evidence = VERIFIER.verify(document(name), timestamp(name));
    assertThat(evidence.publicKey()).isNull();
    assertThat(evidence.fields()).containsEntry("public_key", "empty");
    assertThat(evidence.nonce()).hasSize(20);
  }

  @Test
  void cborNullBindsNothing() throws Exception {
    String ga = "evervault-ga_2023-09-18_us-east-1_debug"; // public_key null
    VerifiedEvidence gaEvidence = VERIFIER.verify(document(ga), timestamp(ga));
    assertThat(gaEvidence.publicKey()).isNull();
    assertThat(gaEvidence.fields()).containsEntry("public_key", "null");
    assertThat(gaEvidence.userData()).hasSize(91);

    String beta = "evervault-beta_2022-10-12_us-east-1_debug"; // nonce null
    VerifiedEvidence betaEvidence = VERIFIER.verify(document(beta), timestamp(beta));
    assertThat(betaEvidence.nonce()).isNull();
    assertThat(betaEvidence.fields()).containsEntry("nonce", "null");
    assertThat(new String(betaEvidence.publicKey(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("my super secret key");
  }

  @Test
  void anAbsentFieldBindsNothing() throws Exception {
    // No real document leaves a field out, so this reads a real payload with nonce removed. The
    // payload no longer matches its signature: a verifier must refuse the whole document.
    String name = "evervault-ga_2023-09-18_us-east-1_debug";
    byte[] withoutNonce = DocumentSurgery.withPayloadField(document(name), "nonce", null);
    byte[] payload = ((CborByteString) DocumentSurgery.envelope(withoutNonce).get(2)).bytes();

    AttestationDocument parsed = AttestationDocument.parse(payload);
    assertThat(parsed.nonce().form()).isEqualTo(OptionalBytes.Form.ABSENT);
    assertThat(parsed.nonce().valueOrNull()).isNull();
    assertThat(parsed.nonce().describe()).isEqualTo("absent");
    assertThat(parsed.publicKey().form()).isEqualTo(OptionalBytes.Form.NULL);
    assertThat(refusal(withoutNonce, timestamp(name)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void valuesOf1024BytesAreAccepted() throws Exception {
    // Both blocky documents carry 1024 bytes in each field (AWS's text says at most 512).
    String name = "blocky-nitrite_2024-09-07_us-east-1";
    VerifiedEvidence evidence = VERIFIER.verify(document(name), timestamp(name));
    byte[] ones = new byte[1024];
    Arrays.fill(ones, (byte) 1);
    assertThat(evidence.publicKey()).isEqualTo(ones);
    assertThat(evidence.userData()).isEqualTo(ones);
    assertThat(evidence.nonce()).isEqualTo(ones);
    assertThat(evidence.fields().get("nonce")).isEqualTo("01".repeat(32) + "... (1024 bytes)");
  }
}
