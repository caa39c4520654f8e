package dev.tether.core.token;

/**
 * Which ASCII characters a token field may hold, and how many: a check without a regex, since
 * every layer of every token is checked at each exchange and at each derivation.
 */
final class CharRule {

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final boolean[] allowed = new boolean[128];
  private final int min;
  private final int max;
  private final String description;

  /** Letters, digits and {@code others}, {@code min} to {@code max} of them. */
  CharRule(String others, int min, int max) {
    for (char c : (ALPHANUMERIC + others).toCharArray()) {
      allowed[c] = true;
    }
    this.min = min;
    this.max = max;
    StringBuilder text = new StringBuilder("letters, digits and");
    for (char c : others.toCharArray()) {
      text.append(' ').append(c);
    }
    this.description = text.append(", ").append(min).append(" to ").append(max)
        .append(" characters").toString();
  }

  /** The rule in words, for error messages: "letters, digits and _ . -, 1 to 64 characters". */
  String description() {
    return description;
  }

  boolean matches(String value) {
    int length = value.length();
    if (length < min || length > max) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 128 || !allowed[c]) {
        return false;
      }
    }
    return true;
  }
}
