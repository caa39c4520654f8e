package dev.tether.agent.internal.config.yaml;

/** A position in one line. Every value in this subset ends on the line it starts on. */
final class Cursor {

  static final char END = '\0';

  private final Line line;
  private int index;

  Cursor(Line line, int index) {
    this.line = line;
    this.index = index;
  }

  Line line() {
    return line;
  }

  int index() {
    return index;
  }

  int lineNumber() {
    return line.number();
  }

  int column() {
    return line.column(index);
  }

  /** The character {@code ahead} places on, or {@link #END} past the end of the line. */
  char peek(int ahead) {
    int at = index + ahead;
    return at < line.text().length() ? line.text().charAt(at) : END;
  }

  char peek() {
    return peek(0);
  }

  boolean atEnd() {
    return index >= line.text().length();
  }

  void advance(int count) {
    index += count;
  }

  void skipBlanks() {
    while (isBlank(peek())) {
      index++;
    }
  }

  /** After blanks: the end of the line, or a comment. */
  boolean atLineEnd() {
    skipBlanks();
    return atEnd() || peek() == '#';
  }

  /** {@code :} followed by a blank or the end of the line: what ends a key. */
  boolean atKeyIndicator() {
    return peek() == ':' && isBlankOrEnd(peek(1));
  }

  /** {@code -} followed by a blank or the end of the line: a block list item. */
  boolean atListItem() {
    return peek() == '-' && isBlankOrEnd(peek(1));
  }

  String text(int from, int to) {
    return line.text().substring(from, to);
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isBlankOrEnd(char c) {
    return c == ' ' || c == '\t' || c == END;
  }
}
