package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.IamPattern;
import dev.tether.core.scope.Placeholders;

/** Whether a child's AWS scope stays inside its parent's. */
final class ScopeContainment {

  private ScopeContainment() {}

  /** What the child allows beyond the parent, or {@code null}. */
  static String firstWidening(AwsScope parent, AwsScope child) {
    if (child.isEmpty()) {
      return null;
    }
    for (String action : child.actions()) {
      if (!anyCovers(parent.actions(), action, true)) {
        return "action " + action + " is not allowed by the parent (" + String.join(", ", parent.actions()) + ")";
      }
    }
    for (String resource : child.resources()) {
      if (!anyCovers(parent.resources(), resource, false)) {
        return "resource " + resource + " is outside the parent's (" + String.join(", ", parent.resources()) + ")";
      }
    }
    return null;
  }

  // Sound and simple: the same pattern, or a literal the parent's pattern matches.
  private static boolean anyCovers(java.util.List<String> outer, String inner, boolean ignoreCase) {
    for (String pattern : outer) {
      if (ignoreCase ? pattern.equalsIgnoreCase(inner) : pattern.equals(inner)) {
        return true;
      }
      if (IamPattern.isLiteral(inner) && !Placeholders.hasPlaceholders(inner)
          && !Placeholders.hasPlaceholders(pattern) && IamPattern.matches(pattern, inner, ignoreCase)) {
        return true;
      }
    }
    return false;
  }
}
