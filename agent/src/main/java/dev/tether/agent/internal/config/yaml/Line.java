package dev.tether.agent.internal.config.yaml;

/** One line of the file, without its line break. */
final class Line {

  private final int number;
  private final String text;
  private final int indent;
  private final boolean hasSurrogates;

  Line(int number, String text) {
    this.number = number;
    this.text = text;
    int spaces = 0;
    while (spaces < text.length() && text.charAt(spaces) == ' ') {
      spaces++;
    }
    this.indent = spaces;
    boolean surrogates = false;
    for (int i = 0; i < text.length() && !surrogates; i++) {
      surrogates = Character.isSurrogate(text.charAt(i));
    }
    this.hasSurrogates = surrogates;
  }

  /** 1-based. */
  int number() {
    return number;
  }

  String text() {
    return text;
  }

  /** The number of leading spaces. */
  int indent() {
    return indent;
  }

  /** Nothing but spaces and tabs, or a comment after them. */
  boolean isBlank() {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i == text.length() || text.charAt(i) == '#';
  }

  /** {@code ---} or {@code ...} in column 1, alone or followed by a space. */
  boolean isDocumentMarker(String marker) {
    return text.startsWith(marker)
        && (text.length() == 3 || text.charAt(3) == ' ' || text.charAt(3) == '\t');
  }

  /** 1-based column of {@code index}; a character outside the BMP counts as one column. */
  int column(int index) {
    return hasSurrogates ? text.codePointCount(0, index) + 1 : index + 1;
  }
}
