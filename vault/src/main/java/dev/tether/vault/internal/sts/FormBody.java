package dev.tether.vault.internal.sts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses an {@code application/x-www-form-urlencoded} body, refusing repeated parameters. */
final class FormBody {

  private FormBody() {}

  static Map<String, String> parse(byte[] body) throws StsFault {
    Map<String, String> params = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = decode(eq < 0 ? pair : pair.substring(0, eq));
        value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw StsFault.validation(
            "the request body is not valid application/x-www-form-urlencoded (bad % escape)");
      }
      if (params.putIfAbsent(name, value) != null) {
        throw StsFault.validation("parameter '" + printable(name) + "' appears more than once");
      }
    }
    return params;
  }

  /**
   * What {@link URLDecoder} decodes, without its per-escape buffers: the session policy, JSON, is
   * mostly escapes. Most names and values have nothing to decode; text beyond ASCII goes to {@link
   * URLDecoder} itself.
   *
   * @throws IllegalArgumentException for an escape that is not {@code %} and two hex digits
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return text;
    }
    byte[] bytes = new byte[text.length()];
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes[length++] = ' ';
      } else if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new IllegalArgumentException("incomplete trailing escape (%) pattern");
        }
        int value = Integer.parseInt(text, i + 1, i + 3, 16); // as URLDecoder: a sign is taken
        if (value < 0) {
          throw new IllegalArgumentException("negative value in escape (%) pattern");
        }
        bytes[length++] = (byte) value;
        i += 2;
      } else if (c < 0x80) {
        bytes[length++] = (byte) c;
      } else {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      }
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** A parameter name fit for an error message: short and printable. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length() && i < 64; i++) {
      char c = name.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return name.length() > 64 ? out + "..." : out.toString();
  }
}
