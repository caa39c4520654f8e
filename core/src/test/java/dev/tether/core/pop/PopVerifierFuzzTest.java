package dev.tether.core.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.core.replay.UsedOnce;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link PopVerifier#verify}, both kinds of proof (docs/fuzzing.md). Whatever the
 * header: the verifier refuses with a {@link PopRefused} whose message is bounded and printable,
 * never another exception; a proof it accepts for a bound token names that token's key.
 *
 * <p>Seeds in {@code PopVerifierFuzzTestInputs/verifyAnyProof/}: a signed proof (EdDSA) and a
 * session-key proof (HS256, under {@link #SESSION_KEY} for {@link #BOUND}), both made for
 * {@link #URL}, {@link #TOKEN} at {@link #NOW}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PopVerifierFuzzTest {

  static final String URL = "http://127.0.0.1:8787/v1/aws/credentials";
  static final String TOKEN = "tool-call-token";
  static final String BOUND = "fuzz-workload-thumbprint";
  static final long NOW = 1_795_000_000L;
  static final byte[] SESSION_KEY = new byte[SessionProofKey.BYTES];

  private static final int MAX_MESSAGE = 600;
  private static final PopVerifier VERIFIER =
      new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK,
          (keyId, thumbprint) -> "k1".equals(keyId) && BOUND.equals(thumbprint)
              ? SESSION_KEY.clone() : null);

  @FuzzTest
  void verifyAnyProof(FuzzedDataProvider data) {
    boolean bound = data.consumeBoolean();
    String proof = data.consumeRemainingAsString();
    try {
      PopVerifier.Verified verified =
          VERIFIER.verify(proof, "POST", URL, TOKEN, bound ? BOUND : null, NOW);
      if (bound) {
        assertEquals(BOUND, verified.thumbprint(), "accepted for a key the token is not bound to");
      }
    } catch (PopRefused e) {
      assertNotNull(e.reason());
      String message = e.getMessage();
      assertNotNull(message);
      assertTrue(message.length() <= MAX_MESSAGE, "message is " + message.length() + " long");
      for (int i = 0; i < message.length(); i++) {
        char c = message.charAt(i);
        assertTrue(c >= 0x20 && c < 0x7f, "message has a non-printable character at " + i);
      }
    }
  }
}
