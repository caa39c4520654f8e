package dev.tether.core.scope;

import java.util.Arrays;

/**
 * Whether one {@link IamPattern} covers another: everything the inner pattern can match, the outer
 * one matches too. A derived token's scope may only narrow its parent's, and this is the check.
 *
 * <p>Both patterns are read as symbols (characters, wildcard runs), a placeholder being one opaque
 * symbol that stands for a {@link TaskIdentity} value (1 to 128 characters, no wildcards), the
 * same value in both patterns. The outer pattern then has to match the inner one symbol by symbol:
 *
 * <ul>
 *   <li>an outer literal character matches an equal inner literal character (equal as {@link
 *       IamPattern} compares them), and an outer placeholder only the same inner placeholder;
 *   <li>an outer wildcard run of exactly k characters ({@code ??}) absorbs inner literals and
 *       {@code ?} runs that together stand for exactly k characters, never a {@code *} or a
 *       placeholder (whose length varies);
 *   <li>an outer run of at least k characters ({@code *}, {@code ?*}) absorbs any inner symbols
 *       that always stand for at least k characters, a placeholder counting as 1.
 * </ul>
 *
 * <p>Such a match maps every instance of the inner pattern onto the outer one piece by piece, so
 * {@code true} is always right (sound). {@code false} would be wrong only where every instance
 * matches but no piece-by-piece match exists; the tests found no such pair (all pairs up to 4
 * symbols over {@code a b * ?}, and random ones with placeholders), and for a literal inner
 * pattern it provably equals {@link IamPattern#matches}. Reading runs as counts is what makes
 * {@code ?*} cover {@code *?} and {@code ??*} cover {@code *ab}; a placeholder is never covered by
 * {@code ?} (its value may be longer) nor by a literal (it may differ).
 *
 * <p>Dynamic programming over (outer symbol, inner symbol) without backtracking: O(outer × inner)
 * time and O(inner) memory, whatever the patterns.
 */
public final class PatternContainment {

  private PatternContainment() {}

  /**
   * Whether every string that {@code inner} matches is matched by {@code outer}, for every
   * substitution of placeholders by valid {@link TaskIdentity} values. Actions compare with
   * {@code ignoreCase}, resources without. {@code null} never covers and is never covered.
   *
   * @throws IllegalArgumentException if a pattern has a placeholder other than {@code ${task.id}},
   *     {@code ${user.id}} or {@code ${repo}}
   */
  public static boolean covers(String outer, String inner, boolean ignoreCase) {
    if (outer == null || inner == null) {
      return false;
    }
    PatternSymbols out = PatternSymbols.parse(outer);
    PatternSymbols in = PatternSymbols.parse(inner);
    int m = in.size();
    // reach[j]: the outer symbols so far can match inner symbols [0, j).
    boolean[] reach = new boolean[m + 1];
    boolean[] next = new boolean[m + 1];
    reach[0] = true;
    for (int o = 0; o < out.size(); o++) {
      Arrays.fill(next, false);
      boolean any;
      switch (out.kind(o)) {
        case PatternSymbols.LITERAL:
          any = stepLiteral(out.arg(o), in, ignoreCase, reach, next);
          break;
        case PatternSymbols.PLACEHOLDER:
          any = stepPlaceholder(out.arg(o), in, reach, next);
          break;
        case PatternSymbols.EXACTLY:
          any = stepExactly(out.arg(o), in, reach, next);
          break;
        default:
          any = stepAtLeast(out.arg(o), in, reach, next);
          break;
      }
      if (!any) {
        return false;
      }
      boolean[] swap = reach;
      reach = next;
      next = swap;
    }
    return reach[m];
  }

  private static boolean stepLiteral(
      int c, PatternSymbols in, boolean ignoreCase, boolean[] reach, boolean[] next) {
    boolean any = false;
    for (int j = 0; j < in.size(); j++) {
      if (reach[j]
          && in.kind(j) == PatternSymbols.LITERAL
          && IamPattern.same((char) c, (char) in.arg(j), ignoreCase)) {
        next[j + 1] = true;
        any = true;
      }
    }
    return any;
  }

  private static boolean stepPlaceholder(
      int name, PatternSymbols in, boolean[] reach, boolean[] next) {
    boolean any = false;
    for (int j = 0; j < in.size(); j++) {
      if (reach[j] && in.kind(j) == PatternSymbols.PLACEHOLDER && in.arg(j) == name) {
        next[j + 1] = true;
        any = true;
      }
    }
    return any;
  }

  /**
   * Exactly k characters: inner fixed-length symbols ending at j that add up to k. Walking back at
   * most k symbols per j keeps the whole match O(outer × inner), as the k of all runs add up to
   * at most the outer length.
   */
  private static boolean stepExactly(int k, PatternSymbols in, boolean[] reach, boolean[] next) {
    boolean any = false;
    for (int j = 1; j <= in.size(); j++) {
      int from = j;
      int length = 0;
      while (length < k && from > 0 && in.fixedLength(from - 1) > 0) {
        length += in.fixedLength(from - 1);
        from--;
      }
      if (length == k && reach[from]) {
        next[j] = true;
        any = true;
      }
    }
    return any;
  }

  /**
   * At least k characters: any inner symbols [i, j) from a reachable i that stand for at least k
   * characters. The earliest reachable i is the best start (the minimum length only grows with
   * the span), so one pass suffices.
   */
  private static boolean stepAtLeast(int k, PatternSymbols in, boolean[] reach, boolean[] next) {
    boolean any = false;
    int start = -1;
    for (int j = 0; j <= in.size(); j++) {
      if (start < 0 && reach[j]) {
        start = j;
      }
      if (start >= 0 && in.minLength(start, j) >= k) {
        next[j] = true;
        any = true;
      }
    }
    return any;
  }
}
