package dev.tether.agent.internal.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/** Turns SnakeYAML's parse errors into located problems with a hint for the usual causes. */
final class YamlSyntaxProblems {

  private YamlSyntaxProblems() {}

  static ConfigProblem of(String source, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getContext());
    String message = "YAML syntax error: " + oneLine(problem);
    if (mark == null) {
      return new ConfigProblem(source, 0, 0, message, hint(problem));
    }
    return new ConfigProblem(
        source, mark.getLine() + 1, mark.getColumn() + 1, message, hint(problem));
  }

  /** Characters YAML does not allow (control characters, for example). */
  static ConfigProblem of(String source, String yaml, ReaderException e) {
    int[] lineColumn = lineAndColumn(yaml, e.getPosition());
    return new ConfigProblem(
        source,
        lineColumn[0],
        lineColumn[1],
        String.format("character U+%04X is not allowed in YAML", e.getCodePoint()),
        "remove it, or write it as an escape inside double quotes");
  }

  private static String hint(String problem) {
    if (problem.contains("TAB")) {
      return "indent with spaces, not tabs";
    }
    if (problem.contains("mapping values are not allowed")) {
      return "quote the value if it contains ': ', or fix the indentation of this line";
    }
    if (problem.contains("another document")) {
      return "keep one YAML document: remove the '---' line and what follows, or merge them";
    }
    if (problem.contains("could not find expected ':'")) {
      return "write 'key: value', with a space after the colon";
    }
    if (problem.contains("cannot start any token")) {
      return "quote the value";
    }
    if (problem.contains("expected ',' or ']'")) {
      return "separate list items with ', ' and close the list with ']'";
    }
    if (problem.contains("expected ',' or '}'")) {
      return "separate entries with ', ' and close the mapping with '}'";
    }
    if (problem.contains("undefined alias")) {
      return "define the anchor ('&name') before using '*name', or quote values starting with '*'";
    }
    if (problem.contains("end of stream") && problem.contains("quote")) {
      return "close the quoted value";
    }
    return "check the indentation and quoting on this line and the one before";
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').trim();
  }

  /** 1-based line and column of the code point at {@code position}. */
  private static int[] lineAndColumn(String text, int position) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0;
        i < text.length() && index < position;
        i += Character.charCount(text.codePointAt(i))) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      index++;
    }
    return new int[] {line, column};
  }
}
