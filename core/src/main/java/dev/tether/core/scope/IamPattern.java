package dev.tether.core.scope;

/**
 * IAM-style wildcard matching: {@code *} matches any sequence of characters (including none and
 * including {@code /}), {@code ?} matches exactly one character, everything else is literal.
 *
 * <p>Iterative with single-star backtracking, so the worst case is O(pattern × value) and there is
 * no catastrophic (exponential) backtracking whatever the input.
 */
public final class IamPattern {

  private IamPattern() {}

  /** Whether {@code value} matches {@code pattern}; {@code null} never matches. */
  public static boolean matches(String pattern, String value, boolean ignoreCase) {
    if (pattern == null || value == null) {
      return false;
    }
    int p = 0;
    int v = 0;
    int starP = -1; // position in pattern just after the last '*'
    int starV = -1; // position in value the last '*' is currently extended to
    int pLen = pattern.length();
    int vLen = value.length();
    while (v < vLen) {
      if (p < pLen) {
        char pc = pattern.charAt(p);
        if (pc == '*') {
          // Collapse adjacent stars; remember where to resume if the literal part fails.
          while (p < pLen && pattern.charAt(p) == '*') {
            p++;
          }
          if (p == pLen) {
            return true; // trailing star swallows the rest
          }
          starP = p;
          starV = v;
          continue;
        }
        if (pc == '?' || same(pc, value.charAt(v), ignoreCase)) {
          p++;
          v++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      // Let the last star absorb one more character and retry the rest of the pattern.
      starV++;
      v = starV;
      p = starP;
    }
    while (p < pLen && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pLen;
  }

  /** Whether {@code pattern} has no wildcard, i.e. matches only itself. */
  public static boolean isLiteral(String pattern) {
    return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  /** Whether two characters match as literals; shared with {@link PatternContainment}. */
  static boolean same(char a, char b, boolean ignoreCase) {
    if (a == b) {
      return true;
    }
    if (!ignoreCase) {
      return false;
    }
    // Same two-step comparison as String.regionMatches(ignoreCase=true).
    char ua = Character.toUpperCase(a);
    char ub = Character.toUpperCase(b);
    return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
  }
}
