package dev.tether.agent.internal.config;

import java.util.List;
import java.util.Locale;

/** Finds the known key a misspelt one was meant to be. */
final class KeySuggestions {

  private KeySuggestions() {}

  /**
   * The known word closest to {@code written}, or null if none is close enough to be a likely typo.
   * {@code tokenFile}, {@code token_file} and {@code Token-File} all find {@code token-file}.
   */
  static String closest(String written, List<String> known) {
    String normalized = toKebabCase(written);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = editDistance(normalized, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= tolerance(normalized) ? best : null;
  }

  private static int tolerance(String word) {
    if (word.length() <= 3) {
      return 1;
    }
    return word.length() <= 6 ? 2 : 3;
  }

  static String toKebabCase(String word) {
    StringBuilder out = new StringBuilder(word.length() + 4);
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(word.charAt(i - 1))) {
        out.append('-');
      }
      out.append(c == '_' || c == ' ' ? '-' : c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance, two rows. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
