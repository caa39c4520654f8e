package dev.tether.agent.internal.config.yaml;

/**
 * Refuses, where a value starts, the YAML features this subset leaves out (anchors, aliases, tags,
 * block scalars, explicit keys) and the characters that cannot start an unquoted value.
 */
final class Refusals {

  private Refusals() {}

  static void checkPlainStart(Cursor at, boolean inFlow) throws YamlException {
    char c = at.peek();
    char next = at.peek(1);
    int line = at.lineNumber();
    int column = at.column();
    switch (c) {
      case '&' ->
          throw new YamlException(
              line,
              column,
              "YAML anchors ('&name') are not supported",
              "write the value out in full; quote it if it starts with '&'");
      case '*' ->
          throw new YamlException(
              line,
              column,
              "YAML aliases ('*name') are not supported",
              "write the value out in full; quote a value that starts with '*', e.g. \"*\"");
      case '!' ->
          throw new YamlException(
              line,
              column,
              "YAML tags ('!tag', '!!str') are not supported",
              "remove the tag, every value is read as text; quote a value that starts with '!'");
      case '|', '>' ->
          throw new YamlException(
              line,
              column,
              "YAML block scalars ('|', '>') are not supported",
              "write the value on one line, in quotes if needed");
      case '?' -> {
        if (Cursor.isBlankOrEnd(next)) {
          throw new YamlException(
              line, column, "explicit keys ('? ') are not supported", "write 'key: value'");
        }
        if (inFlow) {
          throw cannotStart(line, column, c); // read as an explicit key by some parsers
        }
      }
      case ':' -> {
        if (Cursor.isBlankOrEnd(next) || (inFlow && ScalarReader.isFlowIndicator(next))) {
          throw SyntaxErrors.syntax(
              line, column, "a ':' with no key before it", "write 'key: value'");
        }
        if (inFlow) {
          throw cannotStart(line, column, c); // an empty key and a value, to some parsers
        }
      }
      case '-' -> {
        if (Cursor.isBlankOrEnd(next)) {
          throw SyntaxErrors.syntax(
              line,
              column,
              "a '- ' list item cannot start here",
              "put each '- item' on a line of its own, or write [a, b]");
        }
      }
      case '%', '@', '`', ',', '[', ']', '{', '}', '#', '"', '\'' ->
          throw cannotStart(line, column, c);
      default -> {
        // an ordinary character
      }
    }
  }

  private static YamlException cannotStart(int line, int column, char c) {
    return SyntaxErrors.syntax(
        line,
        column,
        "a value cannot start with '" + c + "' unless it is quoted",
        "quote the value, e.g. \"" + c + "...\"");
  }
}
