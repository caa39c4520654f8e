package dev.tether.vault.internal.exchange.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link StsXmlReader} (docs/fuzzing.md): whatever the bytes, the reader returns
 * the texts at the credentials' path or throws {@link StsXmlReader.Malformed} with a printable
 * message of at most 300 characters, nothing else; and what it accepts, the JDK's StAX parser
 * accepts too, reading the same texts ({@link StaxReference}).
 *
 * <p>Seeds in {@code StsXmlReaderFuzzTestInputs/read/}: the local STS's AssumeRole and error
 * answers, AWS's documented AssumeRole answer, and one with a declaration, comments and
 * references.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StsXmlReaderFuzzTest {

  private static final String[] PATH = {"AssumeRoleResponse", "AssumeRoleResult", "Credentials"};
  private static final String[] WANTED = {"AccessKeyId", "SecretAccessKey", "SessionToken",
      "Expiration"};

  @FuzzTest
  void read(byte[] xml) {
    Map<String, String> texts;
    try {
      texts = StsXmlReader.read(xml, PATH, WANTED);
    } catch (StsXmlReader.Malformed e) {
      String message = e.getMessage();
      assertTrue(message.length() <= 300, "message of " + message.length() + " characters");
      for (char c : message.toCharArray()) {
        assertTrue(c >= 0x20 && c < 0x7f, "unprintable character " + (int) c + " in " + message);
      }
      return;
    }
    Optional<Map<String, String>> stax = StaxReference.read(xml, PATH, WANTED);
    assertTrue(stax.isPresent(), "read, but StAX refuses it");
    assertEquals(stax.get(), texts);
  }
}
