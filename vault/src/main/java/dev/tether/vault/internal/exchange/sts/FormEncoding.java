package dev.tether.vault.internal.exchange.sts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} values, as the AWS SDK's query protocol encodes them
 * (it uses {@link URLEncoder} too): UTF-8, a space as {@code +}, everything but {@code A-Z a-z 0-9
 * . - * _} as {@code %XX} (upper-case hex). The Vault's bodies are then byte for byte the SDK's.
 */
final class FormEncoding {

  private FormEncoding() {}

  static String encode(String value) {
    int i = 0;
    while (i < value.length() && plain(value.charAt(i))) {
      i++;
    }
    if (i == value.length()) {
      return value; // names, numbers, most tag values: nothing to escape
    }
    // What URLEncoder writes, without its per-run buffers: the session policy, JSON, is long.
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(utf8.length + utf8.length / 2);
    for (byte b : utf8) {
      char c = (char) (b & 0xff);
      if (plain(c)) {
        out.append(c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean plain(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '*'
        || c == '_';
  }
}
