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
   * mostly escapes. As there, a plus is a space, and each run of escapes is a run of UTF-8 bytes
   * (a malformed one reads as U+FFFD). Most names and values have nothing to decode.
   *
   * @throws IllegalArgumentException for an escape that is not {@code %} and two hex digits (as
   *     URLDecoder since JDK 19; JDK 17's also took a sign, {@code %+1})
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    byte[] run = null;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '%') {
        out.append(c == '+' ? ' ' : c);
        i++;
        continue;
      }
      if (run == null) {
        run = new byte[(text.length() - i) / 3];
      }
      int length = 0;
      while (i < text.length() && text.charAt(i) == '%') {
        if (i + 2 >= text.length()) {
          throw new IllegalArgumentException("incomplete trailing escape (%) pattern");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("illegal hex characters in escape (%) pattern");
        }
        run[length++] = (byte) (high << 4 | low);
        i += 3;
      }
      out.append(new String(run, 0, length, StandardCharsets.UTF_8));
    }
    return out.toString();
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
