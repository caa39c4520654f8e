package dev.tether.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link LayeredToken#parse} and {@link ChainVerifier#verify} (docs/fuzzing.md).
 * Whatever the text: parsing returns a token or throws {@link TokenFormatException} with a
 * bounded, printable message that never quotes the text; a token parsed re-encodes to exactly the
 * same text (one text per token); verifying refuses with a {@link ChainRefusal}, never another
 * exception, and never accepts a token this process did not derive (the verifier's key is fresh).
 *
 * <p>Seeds in {@code LayeredTokenFuzzTestInputs/parseAndVerify/}: real grant, task, turn and
 * tool-call tokens, so the fuzzer starts from well-formed layers.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LayeredTokenFuzzTest {

  private static final int MAX_MESSAGE = 600;
  private static final ChainVerifier VERIFIER =
      new ChainVerifier(IssuerKeys.random("tether-vault-fuzz"), Duration.ofSeconds(30));
  private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

  @FuzzTest
  void parseAndVerify(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      LayeredToken token = LayeredToken.parse(text);
      assertEquals(text, token.encode(), "a parsed token must re-encode to its own text");
      assertTrue(token.layers().size() >= 1 && token.layers().size() <= 16);
      assertTrue(!token.toString().contains(text.substring(text.lastIndexOf('.') + 1)));
    } catch (TokenFormatException e) {
      checkMessage(e.getMessage(), text);
    }
    try {
      VERIFIER.verify(text, AT);
      fail("a chain no key of this verifier made was accepted");
    } catch (ChainRefusal e) {
      checkMessage(e.getMessage(), text);
      assertNotNull(e.reason());
    }
  }

  private static void checkMessage(String message, String text) {
    assertNotNull(message);
    assertTrue(message.length() <= MAX_MESSAGE, "message is " + message.length() + " long");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, "message has a non-printable character at " + i);
    }
    if (text.length() >= 24) {
      // A token is a credential: no long piece of it may appear in a message.
      String tail = text.substring(text.length() - 24);
      assertTrue(!message.contains(tail), "the message quotes the token");
    }
  }
}
