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
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
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
