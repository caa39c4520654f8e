package dev.tether.agent.internal.config.yaml;

/** The wording of syntax problems: what is wrong where, and what to write instead. */
final class SyntaxErrors {

  private static final String PREFIX = "YAML syntax error: ";
  private static final int SHOWN_LENGTH = 40;

  private SyntaxErrors() {}

  static YamlException tab(int line, int column) {
    return syntax(line, column, "a tab in the indentation", "indent with spaces, not tabs");
  }

  static YamlException tooDeep(int line, int column) {
    return new YamlException(
        line,
        column,
        "the file is nested more than " + YamlParser.MAX_DEPTH + " levels deep",
        "a Tether configuration needs at most 5 levels: check the indentation and brackets");
  }

  static YamlException unterminatedQuote(int line, int column, char quote) {
    return syntax(
        line,
        column,
        "the quoted value is not closed on this line",
        "close it with a second " + quote + " on the same line; a value cannot span lines");
  }

  static YamlException unknownEscape(int line, int column, char escaped) {
    return syntax(
        line,
        column,
        "unknown escape '\\" + escaped + "' in a double-quoted value",
        "write \\\\ for a backslash, or use single quotes, in which '\\' is an ordinary character");
  }

  static YamlException badHexEscape(int line, int column, int digits) {
    return syntax(
        line,
        column,
        "invalid escape in a double-quoted value",
        "write \\x, \\u or \\U followed by 2, 4 or 8 hexadecimal digits of a Unicode code point"
            + " (this one needs "
            + digits
            + ")");
  }

  static YamlException unterminatedFlow(int line, int column, char open) {
    return open == '['
        ? syntax(
            line,
            column,
            "the list '[' is not closed on this line",
            "close it with ']' on the same line, or write one '- item' per line below the key")
        : syntax(
            line,
            column,
            "the mapping '{' is not closed on this line",
            "close it with '}' on the same line, or write one 'key: value' per line below the key");
  }

  static YamlException emptyFlowEntry(int line, int column) {
    return syntax(line, column, "an empty entry before this ','", "remove the extra ','");
  }

  static YamlException expectedFlowSeparator(int line, int column, char close, char found) {
    String what = close == ']' ? "a list item" : "a mapping entry";
    if (ScalarReader.isFlowIndicator(found)) { // e.g. the braces of ${repo} in an unquoted item
      return syntax(
          line,
          column,
          "expected ',' or '" + close + "' after " + what + ", found '" + found + "'",
          "quote the item, e.g. \"arn:aws:s3:::bucket/${repo}/*\": inside [...] and {...} an"
              + " unquoted value ends at , [ ] { }");
    }
    return close == ']'
        ? syntax(
            line,
            column,
            "expected ',' or ']' after a list item",
            "separate list items with ', ' and close the list with ']'")
        : syntax(
            line,
            column,
            "expected ',' or '}' after a mapping entry",
            "separate entries with ', ' and close the mapping with '}'");
  }

  static YamlException collectionAsKey(YamlNode key) {
    return new YamlException(
        key.line(),
        key.column(),
        "a key must be a single value, not "
            + (key instanceof YamlSequence ? "a list" : "a mapping"),
        "write 'key: value' with a plain word as key");
  }

  static YamlException noColon(YamlNode token) {
    String found =
        token instanceof YamlScalar scalar ? "'" + shown(scalar.value()) + "'" : "a collection";
    return syntax(
        token.line(),
        token.column(),
        "expected 'key: value', found " + found + " with no ': ' after it",
        "write 'key: value', with a space after the colon");
  }

  static YamlException colonInValue(Cursor at, String key) {
    return syntax(
        at.lineNumber(),
        at.column(),
        "a second ': ' on the line of '" + shown(key) + "'",
        "quote the value if it contains ': ', or fix the indentation of this line");
  }

  static YamlException listOnKeyLine(Cursor at, String key) {
    return syntax(
        at.lineNumber(),
        at.column(),
        "a '- ' list cannot start on the same line as '" + shown(key) + ":'",
        "put each '- item' on a line of its own below it, or write [a, b]");
  }

  static YamlException listItemAmongKeys(int line, int column) {
    return syntax(
        line,
        column,
        "a '- ' list item among the keys of a mapping",
        "indent the list under the key it belongs to, or write 'key: value'");
  }

  static YamlException notAListItem(int line, int column) {
    return syntax(
        line,
        column,
        "this line is in the column of the '- ' items above, but is not one",
        "indent it further to continue the item above, or start a new item with '- '");
  }

  static YamlException textAfterValue(Cursor at, String after, String hint) {
    return syntax(at.lineNumber(), at.column(), "unexpected text after " + after, hint);
  }

  /** A line indented under a value that ended on its own line. */
  static YamlException underValue(Line line, String owner, int ownerColumn) {
    return syntax(
        line.number(),
        line.indent() + 1,
        "this line is indented under " + owner + ", which already has a value",
        "line it up with "
            + owner
            + " (column "
            + ownerColumn
            + "); a value cannot continue on the next line, so keep it on one line, in quotes"
            + " if needed");
  }

  /** A line indented under a value that stands alone on its line. */
  static YamlException underScalar(Line line, YamlScalar value) {
    boolean missingSpace = !value.quoted() && value.value().indexOf(':') >= 0;
    return syntax(
        line.number(),
        line.indent() + 1,
        "this line is indented under '" + shown(value.value()) + "', which is not a 'key:'",
        missingSpace
            ? "write 'key: value', with a space after the colon"
            : "a value cannot continue on the next line: keep it on one line, in quotes if needed");
  }

  /** A line left of {@code child}'s column and right of its owner's. */
  static YamlException unaligned(Line line, String owner, int ownerIndent, YamlNode child) {
    String like =
        child instanceof YamlMap map && !map.entries().isEmpty()
            ? "'" + shown(map.entries().get(0).key().value()) + "'"
            : "the nested '- ' items";
    return syntax(
        line.number(),
        line.indent() + 1,
        "bad indentation: column " + (line.indent() + 1) + " lines up with nothing above",
        "indent it to column "
            + (ownerIndent + 1)
            + " like "
            + owner
            + ", or to column "
            + child.column()
            + " like "
            + like);
  }

  static YamlException directive(int line) {
    return new YamlException(
        line, 1, "YAML directives ('%YAML', '%TAG') are not supported", "remove the line");
  }

  static YamlException textOnMarkerLine(Cursor at, String marker) {
    return syntax(
        at.lineNumber(),
        at.column(),
        "content on the '" + marker + "' line",
        "'" + marker + "' stands alone on its line; put the content on the next line");
  }

  static YamlException secondDocument(int line) {
    return syntax(
        line,
        1,
        "a second YAML document starts here",
        "keep one YAML document: remove the '---' line and what follows, or merge them");
  }

  static YamlException afterDocumentEnd(int line) {
    return syntax(
        line,
        1,
        "content after the end of the document ('...')",
        "remove the '...' line, or what follows it");
  }

  /** A line the root node did not take. */
  static YamlException outsideRoot(Line line, YamlNode root) {
    if (root == null || root instanceof YamlScalar || line.indent() >= root.column()) {
      return syntax(
          line.number(),
          line.indent() + 1,
          "this line follows a file that is a single value",
          "write the configuration as 'key: value' lines");
    }
    return syntax(
        line.number(),
        line.indent() + 1,
        "bad indentation: this line is left of the file's first line (column "
            + root.column()
            + ")",
        "indent every top-level line like the first");
  }

  static YamlException syntax(int line, int column, String message, String hint) {
    return new YamlException(line, column, PREFIX + message, hint);
  }

  private static String shown(String value) {
    return value.length() <= SHOWN_LENGTH ? value : value.substring(0, SHOWN_LENGTH - 3) + "...";
  }
}
