package dev.tether.vault.internal.attest.nitro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborDecoder;
import dev.tether.core.cbor.CborInteger;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborTag;
import dev.tether.core.cbor.CborValue;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.VerifiedEvidence;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link NitroVerifier#verify} (docs/fuzzing.md), with debug-mode enclaves allowed
 * so that every genuine document passes. Whatever the bytes: verification returns evidence or
 * throws {@link EvidenceRefused} with a reason and a bounded, printable message, never another
 * exception. Each input is verified at the timestamp its payload claims, when it has one, so that
 * mutations of a real document reach the chain and signature checks rather than stopping at
 * expiry.
 *
 * <p>Nothing the fuzzer makes can carry a new ES384 signature under AWS's chain, so whatever is
 * accepted must be signed bytes (protected header and payload) of one of the real documents: the
 * unsigned parts (tag, unprotected header, how the envelope's lengths are written) may vary, the
 * signed ones may not. Such a document must be refused as {@code EXPIRED} today.
 *
 * <p>Seeds in {@code NitroVerifierFuzzTestInputs/verify/}: four real AWS-signed documents (debug
 * and not, with and without PCR8, 2021 to 2024) and the self-signed look-alike, copied from
 * src/test/resources/attestation/nitro/ (sources and licences in the README there), and {@code
 * testpki-nitrotpm_2026-11-25.cbor}, a NitroTPM document ({@code nitrotpm_pcrs}, 24 registers)
 * signed by a {@link TestNitroPki} (no real one was available). Its root is not AWS's, so it is
 * refused as {@code UNTRUSTED}; its mutations exercise the NitroTPM payload checks, which come
 * before the chain.
 */
// Per input; libFuzzer's -timeout when fuzzing. A verification costs a few milliseconds.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NitroVerifierFuzzTest {

  /** A time-window refusal names two instants, the window and what to do: about 330 characters. */
  private static final int MAX_MESSAGE = 480;

  private static final NitroVerifier VERIFIER =
      new NitroVerifier(NitroPolicy.defaults().withDebugAllowed(true));

  /** The fallback instant, and the day every document's leaf certificate had long expired. */
  private static final Instant TODAY = NitroVectors.TODAY;

  /** What AWS signed in each real document: the COSE Sig_structure. */
  private static final Set<ByteBuffer> GENUINE = genuine();

  @FuzzTest
  void verify(byte[] evidence) {
    Instant at = claimedTimestamp(evidence);
    VerifiedEvidence verified;
    try {
      verified = VERIFIER.verify(evidence, at);
    } catch (EvidenceRefused e) {
      checkRefusal(e);
      return;
    }
    assertEquals(NitroVerifier.KIND, verified.kind());
    assertFalse(verified.issuedAt().isAfter(at), "accepted a document from the future");
    assertTrue(
        GENUINE.contains(ByteBuffer.wrap(signedBytes(evidence))),
        "accepted a document whose signed bytes are not those of a real document");
    try {
      VERIFIER.verify(evidence, TODAY);
      fail("a document from " + verified.issuedAt() + " was accepted at " + TODAY);
    } catch (EvidenceRefused e) {
      checkRefusal(e);
      assertEquals(EvidenceRefused.Reason.EXPIRED, e.reason());
    }
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

  /**
   * The payload's {@code timestamp} if the bytes get that far (COSE_Sign1, tagged or not, whose
   * third element is a byte string holding a map), else {@link #TODAY}. Deliberately lenient: it
   * only picks the instant; the verifier decides what is well-formed.
   */
  private static Instant claimedTimestamp(byte[] evidence) {
    try {
      CborValue top = CborDecoder.decode(evidence);
      if (top instanceof CborTag tag) {
        top = tag.content();
      }
      if (top instanceof CborArray array
          && array.size() == 4
          && array.get(2) instanceof CborByteString payload
          && CborDecoder.decode(payload.bytes()) instanceof CborMap map
          && map.get("timestamp") instanceof CborInteger timestamp
          && timestamp.fitsInLong()) {
        return Instant.ofEpochMilli(timestamp.longValue());
      }
    } catch (RuntimeException e) {
      // not CBOR, or not shaped like a document: any instant will do
    }
    return TODAY;
  }

  private static byte[] signedBytes(byte[] evidence) {
    try {
      return CoseSign1.parse(evidence).toBeSigned();
    } catch (EvidenceRefused e) {
      throw new AssertionError("the verifier accepted what CoseSign1 refuses: " + e.getMessage());
    }
  }

  private static Set<ByteBuffer> genuine() {
    Set<ByteBuffer> signed = new HashSet<>();
    for (String name : NitroVectors.DOCUMENTS) {
      signed.add(ByteBuffer.wrap(signedBytes(NitroVectors.document(name))));
    }
    return signed;
  }
}
