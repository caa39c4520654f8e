package dev.tether.core.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link LocalEvidence#verify}, the parser the Vault runs on local attestation
 * evidence (docs/fuzzing.md). Whatever the text: it is refused with a {@link
 * LocalEvidenceException} whose message is bounded and printable, or it is accepted, and then it
 * is exactly the evidence the trusted launcher key signs for the statement it carries (Ed25519 is
 * deterministic), so nothing but a launcher-signed statement is ever accepted.
 *
 * <p>Seeds in {@code LocalEvidenceFuzzTestInputs/verify/}: evidence signed by the test launcher
 * key {@code fuzz-launcher.pem}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LocalEvidenceFuzzTest {

  private static final int MAX_MESSAGE = 600;
  private static final LauncherKey LAUNCHER = launcher();
  private static final Map<String, PublicKey> TRUSTED =
      Map.of(LAUNCHER.id(), LAUNCHER.publicKey());

  @FuzzTest
  void verify(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      LocalStatement statement = LocalEvidence.verify(text, TRUSTED);
      assertEquals(LocalEvidence.issue(statement, LAUNCHER), text,
          "accepted evidence must be exactly what the launcher signs for its statement");
    } catch (LocalEvidenceException e) {
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

  private static LauncherKey launcher() {
    try (var in = LocalEvidenceFuzzTest.class.getResourceAsStream("fuzz-launcher.pem")) {
      Path file = Files.createTempFile("fuzz-launcher", ".pem");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      try {
        return LauncherKey.load(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
