package dev.tether.core.scope;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code ${task.id}}, {@code ${user.id}} and {@code ${repo}} in scope patterns. Any other
 * {@code ${...}} is an error rather than literal text, so a typo never silently produces a
 * pattern that matches nothing (or, as an IAM policy variable, something else).
 */
public final class Placeholders {

  public static final String TASK_ID = "task.id";
  public static final String USER_ID = "user.id";
  public static final String REPO = "repo";

  private static final String USE = "; use ${task.id}, ${user.id} or ${repo}";

  private Placeholders() {}

  /** Returns {@code template} with each placeholder replaced by the identity's value. */
  public static String substitute(String template, TaskIdentity id) {
    int start = template.indexOf("${");
    if (start < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    int from = 0;
    while (start >= 0) {
      int end = template.indexOf('}', start + 2);
      if (end < 0) {
        throw new IllegalArgumentException(
            "unterminated placeholder '"
                + template.substring(start)
                + "' in '"
                + template
                + "'"
                + USE);
      }
      String name = template.substring(start + 2, end);
      String value = valueOf(name, id);
      if (value == null) {
        throw new IllegalArgumentException(
            "unknown placeholder ${" + name + "} in '" + template + "'" + USE);
      }
      out.append(template, from, start).append(value);
      from = end + 1;
      start = template.indexOf("${", from);
    }
    return out.append(template, from, template.length()).toString();
  }

  /**
   * The placeholders in {@code template} that {@link #substitute} would reject, as written: {@code
   * "${x}"} for an unknown name, {@code "${x"} (to the end of the template) for an unterminated
   * one. Empty when the template is fine.
   */
  public static List<String> unknownPlaceholders(String template) {
    List<String> bad = new ArrayList<>();
    int start = template.indexOf("${");
    while (start >= 0) {
      int end = template.indexOf('}', start + 2);
      if (end < 0) {
        bad.add(template.substring(start));
        break;
      }
      String name = template.substring(start + 2, end);
      if (!isSupported(name)) {
        bad.add("${" + name + "}");
      }
      start = template.indexOf("${", end + 1);
    }
    return bad;
  }

  /** Whether {@code template} contains any {@code ${}. */
  public static boolean hasPlaceholders(String template) {
    return template.contains("${");
  }

  private static boolean isSupported(String name) {
    return TASK_ID.equals(name) || USER_ID.equals(name) || REPO.equals(name);
  }

  private static String valueOf(String name, TaskIdentity id) {
    switch (name) {
      case TASK_ID:
        return id.taskId();
      case USER_ID:
        return id.userId();
      case REPO:
        return id.repo();
      default:
        return null;
    }
  }
}
