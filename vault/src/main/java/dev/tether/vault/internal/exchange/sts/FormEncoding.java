package dev.tether.vault.internal.exchange.sts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} values, as the AWS SDK's query protocol encodes them
 * (it uses {@link URLEncoder} too): UTF-8, a space as {@code +}, everything but {@code A-Z a-z 0-9
 * . - * _} as {@code %XX}. The Vault's bodies are then byte for byte the SDK's.
 */
final class FormEncoding {

  private FormEncoding() {}

  static String encode(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!plain(value.charAt(i))) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
      }
    }
    return value; // names, numbers, most tag values: nothing to escape
  }

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
