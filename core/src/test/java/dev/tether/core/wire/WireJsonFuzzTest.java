package dev.tether.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link WireJson#read} (docs/fuzzing.md). Every input is read as each wire record.
 * Reading returns the record or throws {@link WireFormatException} with a bounded, printable
 * message that depends on the document's shape, never on its string values (which may be secrets);
 * a record read writes and reads back equal. Every string in the document also goes through {@link
 * IsoInstant}, whose answer must be {@link Instant#parse}'s.
 */
// Per input. Jazzer also hands it to libFuzzer as -timeout, so a hang is a finding when fuzzing.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WireJsonFuzzTest {

  private static final List<Class<?>> RECORDS =
      List.of(
          AwsCredentialsRequest.class,
          AwsCredentialsResponse.class,
          GrantRequest.class,
          RedeemRequest.class,
          IssuedToken.class,
          NonceRequest.class,
          AttestationNonce.class,
          Evidence.class,
          Binding.class,
          ReattestRequest.class,
          ApiTokenRequest.class,
          ApiToken.class,
          GitHubTokenRequest.class,
          GitHubToken.class,
          RevocationRequest.class,
          Revocation.class,
          RevocationStatusRequest.class,
          RevocationStatus.class,
          VaultError.class);

  /** The JSON reader's own bound (see JsonReaderFuzzTest) plus the wire layer's fixed text. */
  private static final int MAX_MESSAGE = 160 + JsonReader.MAX_DEPTH * 68 + 64 + 400;

  /** The fields whose string values are read as more than text (instants). */
  private static final List<String> INSTANT_FIELDS = List.of("expiration", "expires_at", "revoked_at");

  @FuzzTest
  void readWireRecords(byte[] json) {
    JsonValue tree = parseOrNull(json);
    for (Class<?> type : RECORDS) {
      String error = read(json, type);
      if (tree != null) {
        // The message must not change when every string value changes (keeping its length and
        // blankness): then it cannot quote one.
        byte[] written = JsonWriter.writeUtf8(tree);
        byte[] disguised = JsonWriter.writeUtf8(disguise(tree, null));
        assertEquals(
            read(written, type), read(disguised, type), type.getSimpleName() + " message differs");
      } else {
        assertNotNull(error, "JsonReader refused what WireJson read");
      }
    }
    if (tree != null) {
      for (String text : strings(tree, new ArrayList<>())) {
        checkInstant(text);
      }
    }
  }

  /** The message of the WireFormatException, or null when read; a record read round-trips. */
  private static String read(byte[] json, Class<?> type) {
    Object record;
    try {
      record = WireJson.read(json, type);
    } catch (WireFormatException e) {
      String message = e.getMessage();
      assertNotNull(message);
      assertTrue(message.length() <= MAX_MESSAGE, "message is " + message.length() + " long");
      for (int i = 0; i < message.length(); i++) {
        char c = message.charAt(i);
        assertTrue(c >= 0x20 && c < 0x7f, "message has a non-printable character at " + i);
      }
      return message;
    }
    byte[] written = WireJson.write(record);
    Object again = WireJson.read(written, type);
    assertEquals(record, again, type.getSimpleName() + " reads back different");
    assertArrayEquals(written, WireJson.write(again), type.getSimpleName() + " writes unstably");
    return null;
  }

  /** IsoInstant's fast path must give Instant.parse's answer, or fail where it fails. */
  private static void checkInstant(String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeException e) {
      try {
        Instant fast = IsoInstant.parse(text);
        throw new AssertionError("IsoInstant read an instant that Instant.parse refuses: " + fast);
      } catch (DateTimeException expectedToo) {
        return;
      }
    }
    assertEquals(expected, IsoInstant.parse(text), "IsoInstant and Instant.parse disagree");
  }

  private static JsonValue parseOrNull(byte[] json) {
    try {
      return JsonReader.parse(json);
    } catch (JsonReadException e) {
      return null;
    }
  }

  /**
   * The same tree with every string value's ordinary characters replaced, keeping lengths, blanks,
   * escapes and field names; values of {@code expiration} stay, since they are parsed as instants.
   */
  private static JsonValue disguise(JsonValue value, String field) {
    if (value instanceof JsonString string) {
      return field != null && INSTANT_FIELDS.contains(field) ? value : new JsonString(disguise(string.value()));
    }
    if (value instanceof JsonObject object) {
      JsonObject.Builder builder = JsonObject.builder();
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        builder.put(member.getKey(), disguise(member.getValue(), member.getKey()));
      }
      return builder.build();
    }
    if (value instanceof JsonArray array) {
      List<JsonValue> elements = new ArrayList<>(array.size());
      for (JsonValue element : array.elements()) {
        elements.add(disguise(element, field));
      }
      return JsonArray.of(elements);
    }
    return value;
  }

  private static String disguise(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean keep =
          c < 0x20
              || c == '"'
              || c == '\\'
              || Character.isWhitespace(c)
              || Character.isSurrogate(c);
      out.append(keep ? c : c == 'x' ? 'y' : 'x');
    }
    return out.toString();
  }

  private static List<String> strings(JsonValue value, List<String> out) {
    if (value instanceof JsonString string) {
      out.add(string.value());
    } else if (value instanceof JsonObject object) {
      for (JsonValue member : object.members().values()) {
        strings(member, out);
      }
    } else if (value instanceof JsonArray array) {
      for (JsonValue element : array.elements()) {
        strings(element, out);
      }
    }
    return out;
  }
}
