package dev.tether.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for {@link JsonReader} (docs/fuzzing.md). Whatever the input, reading it returns a
 * value or throws {@link JsonReadException} with a bounded, printable message and a position inside
 * the input; a value read re-serialises with {@link JsonWriter} to text that reads back equal.
 *
 * <p>Without {@code JAZZER_FUZZ} each target runs once per seed in {@code
 * JsonReaderFuzzTestInputs/<method>/}; {@code bin/fuzz} fuzzes them.
 */
// Per input. Jazzer also hands it to libFuzzer as -timeout, so a hang is a finding when fuzzing.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonReaderFuzzTest {

  /** Longest fixed part of a message ("NaN and Infinity are not JSON numbers; expected ..."). */
  private static final int MAX_REASON = 160;

  /** A field name is quoted as at most 64 characters plus "...", joined by '.'. */
  private static final int MAX_PATH = JsonReader.MAX_DEPTH * (64 + 3 + 1);

  /** " at field '...'" and " (line N, column N)" around the reason and path. */
  private static final int MAX_DECORATION = 64;

  /** Raw bytes: invalid UTF-8, byte order marks and truncated sequences reach the decoder. */
  @FuzzTest
  void parseBytes(byte[] utf8) {
    Outcome fromBytes = read(utf8);
    String text = strictUtf8(utf8);
    if (text != null) {
      // Valid UTF-8: the byte and text entry points must agree exactly, errors included.
      assertEquals(fromBytes, read(text), "parse(byte[]) and parse(String) disagree");
    }
  }

  /**
   * Java text, including unpaired surrogates (the provider decodes its bytes as modified UTF-8, so
   * a plain UTF-8 seed file reads as its own text).
   */
  @FuzzTest
  void parseText(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    Outcome fromText = read(text);
    if (!hasUnpairedSurrogate(text)) {
      assertEquals(
          fromText, read(text.getBytes(UTF_8)), "parse(String) and parse(byte[]) disagree");
    }
  }

  /** What one read gave: a value, or the message of the JsonReadException. */
  private record Outcome(JsonValue value, String error) {}

  private static Outcome read(byte[] utf8) {
    try {
      JsonValue value = JsonReader.parse(utf8);
      checkRoundTrip(value);
      return new Outcome(value, null);
    } catch (JsonReadException e) {
      // Lines and columns count decoded characters; a lenient decode has the same line breaks.
      checkError(e, new String(utf8, UTF_8), utf8.length);
      return new Outcome(null, e.getMessage());
    }
  }

  private static Outcome read(String text) {
    try {
      JsonValue value = JsonReader.parse(text);
      checkRoundTrip(value);
      return new Outcome(value, null);
    } catch (JsonReadException e) {
      checkError(e, text, text.length());
      return new Outcome(null, e.getMessage());
    }
  }

  /** Written text reads back equal, and writing that gives the same text (and bytes) again. */
  private static void checkRoundTrip(JsonValue value) {
    String written = JsonWriter.write(value);
    JsonValue again = JsonReader.parse(written);
    assertEquals(value, again, "written text reads back different");
    assertEquals(written, JsonWriter.write(again), "writing is not stable");
    assertEquals(value, JsonReader.parse(JsonWriter.writeUtf8(value)), "written UTF-8 differs");
  }

  /**
   * The message is printable ASCII (no line breaks or terminal escapes from the input), bounded
   * whatever the input's length, and points inside the input.
   */
  private static void checkError(JsonReadException e, String text, int maxColumn) {
    String message = e.getMessage();
    assertNotNull(message);
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, "message has a non-printable character at " + i);
    }
    assertTrue(e.reason().length() <= MAX_REASON, "reason is " + e.reason().length() + " long");
    assertTrue(e.path().length() <= MAX_PATH, "path is " + e.path().length() + " long");
    assertTrue(
        message.length() <= e.reason().length() + e.path().length() + MAX_DECORATION,
        "message is " + message.length() + " long");
    JsonPosition where = e.position();
    if (where != null) { // null only for a whole-input problem (its size)
      int lines = 1;
      for (int i = 0; i < text.length(); i++) {
        lines += text.charAt(i) == '\n' ? 1 : 0;
      }
      assertTrue(where.line() >= 1 && where.line() <= lines, "line outside the input: " + where);
      assertTrue(
          where.column() >= 1 && where.column() <= maxColumn + 1,
          "column outside the input: " + where);
    }
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
