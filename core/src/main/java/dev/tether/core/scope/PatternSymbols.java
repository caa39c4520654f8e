package dev.tether.core.scope;

import java.util.List;

/**
 * A pattern read as symbols for {@link PatternContainment}: literal characters, placeholders (one
 * opaque symbol each) and wildcard runs. A maximal run of {@code *} and {@code ?} is one symbol
 * "exactly k characters" (no {@code *}) or "at least k characters" (with one), k being the number
 * of {@code ?}: {@code **} and {@code *} read the same, and so do {@code *?} and {@code ?*}.
 */
final class PatternSymbols {

  static final int LITERAL = 0; // arg: the character
  static final int PLACEHOLDER = 1; // arg: index in NAMES
  static final int EXACTLY = 2; // arg: k >= 1
  static final int AT_LEAST = 3; // arg: k >= 0

  private static final List<String> NAMES =
      List.of(Placeholders.TASK_ID, Placeholders.USER_ID, Placeholders.REPO);

  private final int[] kinds;
  private final int[] args;
  private final int size;
  // minLengths[j]: the fewest characters symbols [0, j) can stand for (a placeholder value has 1).
  private final int[] minLengths;

  private PatternSymbols(int[] kinds, int[] args, int size) {
    this.kinds = kinds;
    this.args = args;
    this.size = size;
    this.minLengths = new int[size + 1];
    for (int j = 0; j < size; j++) {
      minLengths[j + 1] = minLengths[j] + minLength(j);
    }
  }

  static PatternSymbols parse(String pattern) {
    List<String> unknown = Placeholders.unknownPlaceholders(pattern);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "pattern '"
              + pattern
              + "' has unsupported placeholder(s) "
              + unknown
              + "; use ${task.id}, ${user.id} or ${repo}");
    }
    int[] kinds = new int[pattern.length()];
    int[] args = new int[pattern.length()];
    int size = 0;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        int questionMarks = 0;
        boolean star = false;
        for (; i < pattern.length() && isWildcard(pattern.charAt(i)); i++) {
          if (pattern.charAt(i) == '?') {
            questionMarks++;
          } else {
            star = true;
          }
        }
        kinds[size] = star ? AT_LEAST : EXACTLY;
        args[size++] = questionMarks;
      } else if (pattern.startsWith("${", i)) {
        int end = pattern.indexOf('}', i + 2); // present: checked above
        kinds[size] = PLACEHOLDER;
        args[size++] = NAMES.indexOf(pattern.substring(i + 2, end));
        i = end + 1;
      } else {
        kinds[size] = LITERAL;
        args[size++] = c;
        i++;
      }
    }
    return new PatternSymbols(kinds, args, size);
  }

  int size() {
    return size;
  }

  int kind(int j) {
    return kinds[j];
  }

  int arg(int j) {
    return args[j];
  }

  /** The fewest characters symbols {@code [from, to)} stand for. */
  int minLength(int from, int to) {
    return minLengths[to] - minLengths[from];
  }

  /** How many characters symbol {@code j} always stands for, or 0 when that varies. */
  int fixedLength(int j) {
    if (kinds[j] == LITERAL) {
      return 1;
    }
    return kinds[j] == EXACTLY ? args[j] : 0;
  }

  private int minLength(int j) {
    return kinds[j] == LITERAL || kinds[j] == PLACEHOLDER ? 1 : args[j];
  }

  private static boolean isWildcard(char c) {
    return c == '*' || c == '?';
  }
}
