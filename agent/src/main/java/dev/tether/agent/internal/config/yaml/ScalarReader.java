package dev.tether.agent.internal.config.yaml;

/** Reads one single-line scalar: plain, 'single-quoted' or "double-quoted". */
final class ScalarReader {

  private static final String FLOW_INDICATORS = ",[]{}";

  private ScalarReader() {}

  /**
   * A plain scalar from the cursor. It ends at the end of the line, at a comment (" #"), at ": ",
   * and inside [..] or {..} also at a flow indicator. Trailing blanks are not part of it.
   */
  static YamlScalar plain(Cursor at, boolean inFlow) throws YamlException {
    Refusals.checkPlainStart(at, inFlow);
    int line = at.lineNumber();
    int column = at.column();
    int start = at.index();
    int end = start;
    while (!at.atEnd()) {
      char c = at.peek();
      char next = at.peek(1);
      if (c == ':' && (Cursor.isBlankOrEnd(next) || (inFlow && isFlowIndicator(next)))) {
        break;
      }
      if (inFlow && isFlowIndicator(c)) {
        break;
      }
      if (Cursor.isBlank(c) && next == '#') {
        break;
      }
      at.advance(1);
      if (!Cursor.isBlank(c)) {
        end = at.index();
      }
    }
    return YamlScalar.plain(at.text(start, end), line, column);
  }

  /** A quoted scalar; the cursor is on the opening quote and ends after the closing one. */
  static YamlScalar quoted(Cursor at) throws YamlException {
    int line = at.lineNumber();
    int column = at.column();
    char quote = at.peek();
    at.advance(1);
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = at.peek();
      if (at.atEnd()) {
        throw SyntaxErrors.unterminatedQuote(line, column, quote);
      }
      at.advance(1);
      if (c == quote) {
        if (quote == '\'' && at.peek() == '\'') {
          value.append('\''); // '' is one quote
          at.advance(1);
          continue;
        }
        return YamlScalar.quoted(value.toString(), line, column);
      }
      if (c == '\\' && quote == '"') {
        escape(at, value, line, column);
      } else {
        value.append(c);
      }
    }
  }

  static boolean isFlowIndicator(char c) {
    return FLOW_INDICATORS.indexOf(c) >= 0;
  }

  /** Appends the character for the escape after a backslash; the cursor is after the '\'. */
  private static void escape(Cursor at, StringBuilder value, int line, int column)
      throws YamlException {
    int escapeColumn = at.column() - 1;
    char c = at.peek();
    if (at.atEnd()) {
      throw SyntaxErrors.unterminatedQuote(line, column, '"');
    }
    at.advance(1);
    switch (c) {
      case '0' -> value.append('\0');
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 't', '\t' -> value.append('\t');
      case 'n' -> value.append('\n');
      case 'v' -> value.append('\u000B');
      case 'f' -> value.append('\f');
      case 'r' -> value.append('\r');
      case 'e' -> value.append('\u001B');
      case ' ', '"', '/', '\\' -> value.append(c);
      case 'N' -> value.append('\u0085');
      case '_' -> value.append('\u00A0');
      case 'L' -> value.append('\u2028');
      case 'P' -> value.append('\u2029');
      case 'x' -> value.appendCodePoint(hex(at, 2, line, escapeColumn));
      case 'u' -> value.appendCodePoint(hex(at, 4, line, escapeColumn));
      case 'U' -> value.appendCodePoint(hex(at, 8, line, escapeColumn));
      default -> throw SyntaxErrors.unknownEscape(line, escapeColumn, c);
    }
  }

  private static int hex(Cursor at, int digits, int line, int column) throws YamlException {
    long codePoint = 0; // eight hex digits overflow an int (fuzzing finding F1: \U80000000)
    for (int i = 0; i < digits; i++) {
      int digit = Character.digit(at.peek(), 16);
      if (digit < 0 || at.peek() > 'f') { // Character.digit also takes non-ASCII digits
        throw SyntaxErrors.badHexEscape(line, column, digits);
      }
      codePoint = codePoint * 16 + digit;
      at.advance(1);
    }
    if (codePoint > Character.MAX_CODE_POINT) {
      throw SyntaxErrors.badHexEscape(line, column, digits);
    }
    return (int) codePoint;
  }
}
