package dev.tether.vault.internal.sts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The canonical forms SigV4 defines for a request's path, query and header values. */
final class Canonical {

  private Canonical() {}

  /**
   * The canonical URI of a non-S3 request: the path as sent, percent-encoded once more (the AWS SDK
   * signs every service but S3 with this double encoding).
   */
  static String uri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringJoiner out = new StringJoiner("/");
    for (String segment : rawPath.split("/", -1)) {
      out.add(encode(segment));
    }
    return out.toString();
  }

  /** Query parameters decoded, re-encoded the SigV4 way, and sorted by name then value. */
  static String query(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    for (String[] pair : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /** Values joined by commas, each trimmed, with runs of whitespace folded to one space. */
  static String headerValue(List<String> values) {
    if (values == null) {
      return "";
    }
    List<String> folded = new ArrayList<>(values.size());
    for (String value : values) {
      String trimmed = value.trim();
      boolean plain = true;
      for (int i = 1; i < trimmed.length() && plain; i++) {
        plain = !Character.isWhitespace(trimmed.charAt(i))
            || (trimmed.charAt(i) == ' ' && !Character.isWhitespace(trimmed.charAt(i - 1)));
      }
      folded.add(plain ? trimmed : trimmed.replaceAll("\\s+", " "));
    }
    return String.join(",", folded);
  }

  /** RFC 3986 encoding: everything but unreserved characters as upper-case %XX of UTF-8. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Percent-decoding only ({@code +} stays a plus sign, as SigV4 expects). */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (text.charAt(i) == '%' && hi >= 0 && lo >= 0) {
        bytes.write((hi << 4) | lo);
        i += 3;
      } else {
        int next = text.indexOf('%', i + 1);
        int end = next < 0 ? text.length() : next;
        byte[] plain = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
        i = end;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
