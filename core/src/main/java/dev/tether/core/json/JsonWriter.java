package dev.tether.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;

/**
 * Writes a {@link JsonValue} as minified JSON: no whitespace, fields in their order.
 *
 * <p>Strings are escaped as Jackson escaped them, so documents keep their exact bytes (the session
 * policy doubles as a cache key): {@code "} and {@code \} with a backslash, {@code \b \f \n \r \t}
 * in short form, other control characters as {@code \}{@code u00XX} (upper-case hex), everything
 * else as is, including non-ASCII and {@code /}.
 */
public final class JsonWriter {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonWriter() {}

  /**
   * The JSON text of {@code value}.
   *
   * @throws IllegalArgumentException if a string or field name has an unpaired UTF-16 surrogate,
   *     which no UTF-8 JSON text can carry
   */
  public static String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /** {@link #write} as UTF-8 bytes. */
  public static byte[] writeUtf8(JsonValue value) {
    return write(value).getBytes(UTF_8); // safe: write() let no unpaired surrogate through
  }

  private static void append(StringBuilder out, JsonValue value) {
    if (value instanceof JsonString) {
      appendString(out, ((JsonString) value).value());
    } else if (value instanceof JsonObject) {
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonValue> member : ((JsonObject) value).members().entrySet()) {
        out.append(separator);
        appendString(out, member.getKey());
        out.append(':');
        append(out, member.getValue());
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof JsonArray) {
      out.append('[');
      String separator = "";
      for (JsonValue element : ((JsonArray) value).elements()) {
        out.append(separator);
        append(out, element);
        separator = ",";
      }
      out.append(']');
    } else if (value instanceof JsonNumber) {
      out.append(((JsonNumber) value).literal());
    } else if (value instanceof JsonBoolean) {
      out.append(((JsonBoolean) value).value());
    } else {
      out.append("null");
    }
  }

  // Characters that need no escape are copied in runs: a session policy inside an issuance
  // record, or a token in an answer, is a long run, and a char-by-char append cost the Vault a
  // few percent of its CPU under load.
  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    int run = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a pair is written as it is
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            throw new IllegalArgumentException(
                "string has an unpaired UTF-16 surrogate at index "
                    + i
                    + "; it cannot be written as UTF-8 JSON");
          }
      }
    }
    out.append(s, run, length);
    out.append('"');
  }
}
