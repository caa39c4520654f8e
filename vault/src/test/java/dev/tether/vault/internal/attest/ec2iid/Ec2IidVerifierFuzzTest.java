package dev.tether.vault.internal.attest.ec2iid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.VerifiedEvidence;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link Ec2IidVerifier#verify} (docs/fuzzing.md). Whatever the bytes:
 * verification returns evidence or throws {@link EvidenceRefused} with a reason and a bounded,
 * printable message, never another exception (Bouncy Castle's CMS and ASN.1 parsers, Jackson and
 * the JDK's base64 and signature code all see the fuzzer's bytes).
 *
 * <p>Nothing the fuzzer makes can carry a new signature by AWS's keys, so whatever is accepted must
 * have one of the three real documents as its signed content and name its instance: the PKCS#7's
 * unsigned parts (text layout, PEM lines, BER length forms, unsigned attributes) may vary, the
 * document may not. The AWS certificates are valid from 2012 (DSA) and 2015 (RSA) to 2038 and
 * later, so one instant suits every document.
 *
 * <p>Seeds in {@code Ec2IidVerifierFuzzTestInputs/verify/}: the three real AWS-signed documents of
 * src/test/resources/attestation/ec2-iid/ (sources and licences in the README there), one with PEM
 * lines added and one without, and a copy with one base64 character changed; in {@code
 * .../verifyDer/}: the three documents' PKCS#7 bytes.
 */
// Per input; libFuzzer's -timeout when fuzzing. A verification costs well under a millisecond.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class Ec2IidVerifierFuzzTest {

  /**
   * The longest refusals name region, algorithm and instance, a certificate twice and what to do,
   * or quote a parser's message of at most 120 characters: about 350 characters.
   */
  private static final int MAX_MESSAGE = 480;

  private static final Instant AT = Instant.parse("2026-11-25T00:00:00Z");
  private static final Ec2IidVerifier VERIFIER = new Ec2IidVerifier();

  private static final Set<ByteBuffer> GENUINE_DOCUMENTS = new HashSet<>();
  private static final Set<String> GENUINE_INSTANCES = new HashSet<>();

  static {
    for (IidVectors vector : IidVectors.values()) {
      GENUINE_DOCUMENTS.add(ByteBuffer.wrap(vector.document()));
      try {
        GENUINE_INSTANCES.add(IdentityDocument.parse(vector.document()).instanceId());
      } catch (IdentityDocument.BadDocument e) {
        throw new IllegalStateException(vector + ": " + e.getMessage(), e);
      }
    }
  }

  /** The evidence as sent: base64 text, with or without PEM lines. */
  @FuzzTest
  void verify(byte[] evidence) {
    verifyText(evidence);
  }

  /**
   * The PKCS#7 bytes themselves, sent as IMDS would (base64 in lines of 76), so that mutations act
   * on the ASN.1 structure (lengths, tags, BER forms) rather than mostly break the base64.
   */
  @FuzzTest
  void verifyDer(byte[] der) {
    verifyText(IidVectors.imdsText(der));
  }

  private static void verifyText(byte[] evidence) {
    VerifiedEvidence verified;
    try {
      verified = VERIFIER.verify(evidence, AT);
    } catch (EvidenceRefused e) {
      checkRefusal(e);
      return;
    }
    assertEquals(Ec2IidVerifier.KIND, verified.kind());
    assertTrue(
        GENUINE_INSTANCES.contains(verified.workload()),
        "accepted a document of an instance no real document names");
    assertTrue(
        GENUINE_DOCUMENTS.contains(ByteBuffer.wrap(signedContent(evidence))),
        "accepted a document whose signed content is not that of a real document");
  }

  private static void checkRefusal(EvidenceRefused e) {
    assertNotNull(e.reason(), "a refusal without a reason");
    String message = e.getMessage();
    assertNotNull(message, "a refusal without a message");
    assertTrue(message.length() <= MAX_MESSAGE, "message is " + message.length() + " long");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, "message has a non-printable character at " + i);
    }
  }

  private static byte[] signedContent(byte[] evidence) {
    try {
      return IidSignedData.parse(Pkcs7Text.decode(evidence)).content();
    } catch (Pkcs7Text.BadText | IidSignedData.NotSignedData e) {
      throw new AssertionError("the verifier accepted what its own parsers refuse", e);
    }
  }
}
