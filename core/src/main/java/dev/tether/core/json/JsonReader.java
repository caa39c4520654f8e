package dev.tether.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one JSON value (RFC 8259) into a {@link JsonValue} tree, strictly: no comments, no trailing
 * commas, no single quotes, no NaN or Infinity, no leading zeros, no unescaped control characters,
 * no duplicate field names, nothing after the value. A {@code \}{@code u} escape must have four hex
 * digits and surrogates must come in pairs, escaped or not.
 *
 * <p>A leading byte order mark is rejected: RFC 8259 forbids senders to add one and every Tether
 * sender writes plain UTF-8, so a BOM means a misconfigured client, better named than skipped. Byte
 * input must be well-formed UTF-8.
 *
 * <p>Limits guard the reader against hostile input: nesting depth ({@value #MAX_DEPTH} by default),
 * input length ({@value #MAX_LENGTH} bytes or characters by default) and number length ({@value
 * #MAX_NUMBER_LENGTH} characters).
 *
 * @see JsonReadException for the errors, which never quote the input
 */
public final class JsonReader {

  public static final int MAX_DEPTH = 64;
  public static final int MAX_LENGTH = 1 << 20;
  public static final int MAX_NUMBER_LENGTH = 1000;

  private static final String VALUE_EXPECTED =
      "expected a value (object, array, string, number, true, false or null)";

  private final String text;
  private final int maxDepth;
  // The path being read, one frame per open container: a field name or an array index.
  private final String[] names;
  private final int[] indexes;
  private int depth;
  private int pos;
  private int line = 1;
  private int lineStart;

  private JsonReader(String text, int maxDepth) {
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be 0 or more");
    }
    this.text = text;
    this.maxDepth = maxDepth;
    this.names = new String[maxDepth + 1];
    this.indexes = new int[maxDepth + 1];
  }

  /** Reads UTF-8 JSON with the default limits. */
  public static JsonValue parse(byte[] utf8) {
    return parse(utf8, MAX_DEPTH, MAX_LENGTH);
  }

  /** Reads UTF-8 JSON of at most {@code maxLength} bytes nested at most {@code maxDepth} deep. */
  public static JsonValue parse(byte[] utf8, int maxDepth, int maxLength) {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.length > maxLength) {
      throw new JsonReadException(
          "input is " + utf8.length + " bytes, over the limit of " + maxLength, "", null);
    }
    if (utf8.length >= 3
        && utf8[0] == (byte) 0xEF
        && utf8[1] == (byte) 0xBB
        && utf8[2] == (byte) 0xBF) {
      throw bomError();
    }
    return new JsonReader(decode(utf8), maxDepth).readDocument();
  }

  /** Reads JSON text with the default limits. */
  public static JsonValue parse(String text) {
    return parse(text, MAX_DEPTH, MAX_LENGTH);
  }

  /** Reads JSON text of at most {@code maxLength} characters nested at most {@code maxDepth}. */
  public static JsonValue parse(String text, int maxDepth, int maxLength) {
    Objects.requireNonNull(text, "text");
    if (text.length() > maxLength) {
      throw new JsonReadException(
          "input is " + text.length() + " characters, over the limit of " + maxLength, "", null);
    }
    if (text.startsWith("\uFEFF")) {
      throw bomError();
    }
    return new JsonReader(text, maxDepth).readDocument();
  }

  private static JsonReadException bomError() {
    return new JsonReadException(
        "byte order mark at the start of the input; send UTF-8 JSON without a BOM",
        "",
        new JsonPosition(1, 1));
  }

  // The JDK decoder is strict: it reports overlong forms, encoded surrogates and truncation.
  private static String decode(byte[] utf8) {
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(utf8.length); // never more chars than bytes
    CoderResult result = decoder.decode(ByteBuffer.wrap(utf8), out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    if (result.isError()) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.limit(); i++) {
        column++;
        if (out.get(i) == '\n') {
          line++;
          column = 1;
        }
      }
      throw new JsonReadException(
          "invalid UTF-8 byte sequence; send the JSON as UTF-8",
          "",
          new JsonPosition(line, column));
    }
    return out.toString();
  }

  private JsonValue readDocument() {
    skipWhitespace();
    if (atEnd()) {
      throw error("empty input; " + VALUE_EXPECTED);
    }
    JsonValue value = readValue();
    skipWhitespace();
    if (!atEnd()) {
      throw error("trailing content after the JSON value; send exactly one value");
    }
    return value;
  }

  private JsonValue readValue() {
    if (atEnd()) {
      throw error("unexpected end of input; " + VALUE_EXPECTED);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return readObject();
      case '[':
        return readArray();
      case '"':
        return new JsonString(readString());
      case 't':
        return readLiteral("true", JsonBoolean.TRUE);
      case 'f':
        return readLiteral("false", JsonBoolean.FALSE);
      case 'n':
        return readLiteral("null", JsonNull.INSTANCE);
      case 'N':
      case 'I':
        throw nanOrInfinity();
      default:
        if (c == '-' || isDigit(c)) {
          return readNumber();
        }
        throw error(VALUE_EXPECTED);
    }
  }

  private JsonObject readObject() {
    enter();
    pos++; // '{'
    LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
    Map<String, JsonPosition> positions = new HashMap<>();
    skipWhitespace();
    if (!consume('}')) {
      do {
        names[depth] = null; // between fields: the error belongs to the object
        skipWhitespace();
        if (atEnd() || text.charAt(pos) != '"') {
          throw error("expected a field name in double quotes");
        }
        JsonPosition where = position(pos);
        String name = readString();
        names[depth] = name;
        if (members.containsKey(name)) {
          throw error("duplicate field name", where);
        }
        skipWhitespace();
        if (!consume(':')) {
          throw error("expected ':' after the field name");
        }
        skipWhitespace();
        members.put(name, readValue());
        positions.put(name, where);
        skipWhitespace();
      } while (consume(','));
      if (!consume('}')) {
        throw error("expected ',' or '}' after the field value");
      }
    }
    leave();
    return new JsonObject(members, positions);
  }

  private JsonArray readArray() {
    enter();
    pos++; // '['
    List<JsonValue> elements = new ArrayList<>();
    List<JsonPosition> positions = new ArrayList<>();
    skipWhitespace();
    if (!consume(']')) {
      do {
        indexes[depth] = elements.size();
        skipWhitespace();
        positions.add(position(pos));
        elements.add(readValue());
        skipWhitespace();
      } while (consume(','));
      if (!consume(']')) {
        throw error("expected ',' or ']' after the array element");
      }
    }
    leave();
    return new JsonArray(elements, positions);
  }

  private String readString() {
    int start = ++pos; // after the opening quote
    StringBuilder escaped = null; // only strings with escapes need a copy
    while (true) {
      if (atEnd()) {
        throw error("unterminated string; expected a closing '\"'");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String value =
            escaped == null
                ? text.substring(start, pos)
                : escaped.append(text, start, pos).toString();
        pos++;
        return value;
      }
      if (c == '\\') {
        if (escaped == null) {
          escaped = new StringBuilder();
        }
        escaped.append(text, start, pos);
        readEscape(escaped);
        start = pos;
      } else if (c < 0x20) {
        throw error("control character in a string; escape it, e.g. as \\n, \\t or \\u001F");
      } else if (Character.isHighSurrogate(c)
          && pos + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(pos + 1))) {
        pos += 2;
      } else if (Character.isSurrogate(c)) {
        throw error("unpaired UTF-16 surrogate in a string");
      } else {
        pos++;
      }
    }
  }

  // At the backslash; appends the character(s) the escape stands for.
  private void readEscape(StringBuilder out) {
    int at = pos;
    if (pos + 1 >= text.length()) {
      throw error("unterminated string; expected a closing '\"'", at);
    }
    char c = text.charAt(pos + 1);
    pos += 2;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out.append(c);
        return;
      case 'b':
        out.append('\b');
        return;
      case 'f':
        out.append('\f');
        return;
      case 'n':
        out.append('\n');
        return;
      case 'r':
        out.append('\r');
        return;
      case 't':
        out.append('\t');
        return;
      case 'u':
        break;
      default:
        throw error(
            "invalid escape in a string; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX",
            at);
    }
    char unit = (char) readHex4(at);
    if (Character.isLowSurrogate(unit)) {
      throw error("unpaired surrogate escape; \\uDC00-\\uDFFF must follow \\uD800-\\uDBFF", at);
    }
    if (Character.isHighSurrogate(unit)) {
      int low = -1;
      if (text.startsWith("\\u", pos)) {
        pos += 2;
        low = readHex4(pos - 2);
      }
      if (low < 0 || !Character.isLowSurrogate((char) low)) {
        throw error(
            "unpaired surrogate escape; \\uD800-\\uDBFF must be followed by \\uDC00-\\uDFFF", at);
      }
      out.append(unit).append((char) low);
      return;
    }
    out.append(unit);
  }

  // Reads the four hex digits after a \\u; escapeStart is the backslash, for the error position.
  private int readHex4(int escapeStart) {
    if (pos + 4 > text.length()) {
      throw error("invalid \\u escape; expected four hex digits", escapeStart);
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = hexDigit(text.charAt(pos + i));
      if (digit < 0) {
        throw error("invalid \\u escape; expected four hex digits", escapeStart);
      }
      value = value * 16 + digit;
    }
    pos += 4;
    return value;
  }

  private JsonNumber readNumber() {
    int start = pos;
    consume('-');
    if (atEnd()) {
      throw error("expected a digit");
    }
    char first = text.charAt(pos);
    if (first == 'I') {
      throw nanOrInfinity();
    }
    if (first == '0') {
      pos++;
      if (!atEnd() && isDigit(text.charAt(pos))) {
        throw error("leading zeros are not allowed in numbers", start);
      }
    } else {
      requireDigits("expected a digit");
    }
    if (consume('.')) {
      requireDigits("expected a digit after the decimal point");
    }
    if (consume('e') || consume('E')) {
      if (!consume('+')) {
        consume('-');
      }
      requireDigits("expected a digit in the exponent");
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw error("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
    }
    return new JsonNumber(text.substring(start, pos));
  }

  private void requireDigits(String expected) {
    if (atEnd() || !isDigit(text.charAt(pos))) {
      throw error(expected);
    }
    while (!atEnd() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private JsonValue readLiteral(String word, JsonValue value) {
    if (!text.startsWith(word, pos)) {
      throw error(VALUE_EXPECTED);
    }
    pos += word.length();
    return value;
  }

  private JsonReadException nanOrInfinity() {
    return error("NaN and Infinity are not JSON numbers; " + VALUE_EXPECTED);
  }

  private void enter() {
    if (depth == maxDepth) {
      throw error("nested deeper than " + maxDepth + " levels");
    }
    depth++;
    names[depth] = null;
    indexes[depth] = -1;
  }

  private void leave() {
    depth--;
  }

  private void skipWhitespace() {
    while (!atEnd()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean consume(char c) {
    if (!atEnd() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  // ASCII only: Character.digit would also take e.g. fullwidth digits.
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // Newlines only occur in whitespace (strings reject them), so the offset is on the current line.
  private JsonPosition position(int offset) {
    return new JsonPosition(line, offset - lineStart + 1);
  }

  private JsonReadException error(String reason) {
    return error(reason, pos);
  }

  private JsonReadException error(String reason, int offset) {
    return error(reason, position(offset));
  }

  private JsonReadException error(String reason, JsonPosition where) {
    return new JsonReadException(reason, path(), where);
  }

  private String path() {
    StringBuilder s = new StringBuilder();
    for (int d = 1; d <= depth; d++) {
      if (names[d] != null) {
        s.append(s.length() == 0 ? "" : ".").append(SafeName.of(names[d]));
      } else if (indexes[d] >= 0) {
        s.append('[').append(indexes[d]).append(']');
      }
    }
    return s.toString();
  }
}
