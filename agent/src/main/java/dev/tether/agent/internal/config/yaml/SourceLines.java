package dev.tether.agent.internal.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the file into lines after the checks that apply to the whole file: its size, and the
 * characters YAML does not allow (control characters, say) or this subset does not read (the
 * Unicode line separators).
 */
final class SourceLines {

  /** A configuration file is a few kilobytes; anything this large is the wrong file. */
  static final int MAX_CHARS = 1 << 20;

  private SourceLines() {}

  static List<Line> split(String text) throws YamlException {
    if (text.length() > MAX_CHARS) {
      throw new YamlException(
          0,
          0,
          "the file is larger than 1 MiB (" + text.length() + " characters)",
          "a Tether configuration is a few kilobytes: check that this is the right file");
    }
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    List<Line> lines = new ArrayList<>();
    int lineStart = start;
    int column = 1;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(new Line(lines.size() + 1, text.substring(lineStart, i)));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        lineStart = i + 1;
        column = 1;
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a code point outside the BMP: allowed, one column
      } else if (!allowed(c)) {
        throw disallowed(c, lines.size() + 1, column);
      }
      column++;
    }
    lines.add(new Line(lines.size() + 1, text.substring(lineStart)));
    return lines;
  }

  /** YAML's printable characters, less the line separators this subset does not read. */
  private static boolean allowed(char c) {
    return c == '\t'
        || (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  private static YamlException disallowed(char c, int line, int column) {
    String code = Integer.toHexString(0x10000 | c).substring(1).toUpperCase(Locale.ROOT);
    if (c == 0x85 || c == 0x2028 || c == 0x2029) {
      return new YamlException(
          line,
          column,
          "line separator U+" + code + " is not allowed here",
          "end lines with a plain line break (\\n)");
    }
    return new YamlException(
        line,
        column,
        "character U+" + code + " is not allowed in YAML",
        "remove it, or write it as an escape inside double quotes");
  }
}
