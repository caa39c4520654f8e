package dev.tether.core.scope;

/**
 * Who a task runs for: the values that fill {@code ${task.id}}, {@code ${user.id}} and
 * {@code ${repo}} in scope patterns.
 *
 * <p>Values are restricted to {@code [A-Za-z0-9._:/@+=,-]}, 1 to 128 characters, so that a
 * substituted value can never widen a pattern (no {@code *} or {@code ?}), inject another
 * placeholder ({@code $ { }}) or break out of a policy string (whitespace, quotes).
 */
public record TaskIdentity(String taskId, String userId, String repo) {

  public static final int MAX_LENGTH = 128;

  private static final String ALLOWED = "letters, digits and . _ : / @ + = , -";

  public TaskIdentity {
    check("taskId", taskId);
    check("userId", userId);
    check("repo", repo);
  }

  private static void check(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException("TaskIdentity." + field + " must not be null");
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "TaskIdentity."
              + field
              + " must be 1 to "
              + MAX_LENGTH
              + " characters long, but is "
              + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isAllowed(c)) {
        throw new IllegalArgumentException(
            "TaskIdentity."
                + field
                + " contains "
                + describe(c)
                + " at index "
                + i
                + "; allowed are "
                + ALLOWED
                + " (a value must never act as a wildcard or placeholder)");
      }
    }
  }

  static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "._:/@+=,-".indexOf(c) >= 0;
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c < 0x20 || c > 0x7e) {
      return String.format("character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
