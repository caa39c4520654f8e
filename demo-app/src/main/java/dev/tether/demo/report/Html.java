package dev.tether.demo.report;

/** Escaping for values put into HTML text and into quoted attribute values. */
final class Html {

  private Html() {}

  /**
   * {@code value} with {@code & < > " '} replaced by character references, so that it reads as
   * text both between tags and inside a quoted attribute; null becomes the empty string.
   */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      String replacement = replacement(value.charAt(i));
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(value.length() + 16).append(value, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(value.charAt(i));
      }
    }
    return out == null ? value : out.toString();
  }

  private static String replacement(char c) {
    switch (c) {
      case '&':
        return "&amp;";
      case '<':
        return "&lt;";
      case '>':
        return "&gt;";
      case '"':
        return "&quot;";
      case '\'':
        return "&#39;";
      default:
        return null;
    }
  }
}
