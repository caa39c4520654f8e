package dev.tether.core.scope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Test oracles for what patterns match, independent of {@link PatternContainment}: exact language
 * inclusion by automata, every string up to a length, and random instances.
 */
final class PatternLanguages {

  private PatternLanguages() {}

  /**
   * Whether every string {@code inner} matches is matched by {@code outer} (case-sensitive, no
   * placeholders), decided exactly: a search over (inner NFA state, outer subset state) pairs for
   * an accepted inner word the outer automaton rejects. The alphabet is the patterns' literal
   * characters plus one fresh character standing for all others: a counterexample over any
   * alphabet stays one after mapping its other characters to the fresh one, because both
   * patterns only ever test characters for equality with their own literals.
   */
  static boolean included(String inner, String outer) {
    if (inner.length() > 56 || outer.length() > 56) {
      throw new IllegalArgumentException("oracle handles patterns up to 56 characters");
    }
    char[] alphabet = alphabet(inner, outer);
    Deque<long[]> queue = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    long outerStart = closure(outer, 1L);
    for (int q = 0; q <= inner.length(); q++) {
      if ((closure(inner, 1L) & (1L << q)) != 0) {
        enqueue(queue, seen, q, outerStart);
      }
    }
    while (!queue.isEmpty()) {
      long[] pair = queue.poll();
      int q = (int) pair[0];
      long outerState = pair[1];
      if (q == inner.length()) {
        if ((outerState & (1L << outer.length())) == 0) {
          return false;
        }
        continue;
      }
      char p = inner.charAt(q);
      if (p == '*') {
        enqueue(queue, seen, q + 1, outerState); // the star matches nothing more
      }
      for (char x : alphabet) {
        long outerNext = step(outer, outerState, x);
        if (p == '*') {
          enqueue(queue, seen, q, outerNext);
        } else if (p == '?' || p == x) {
          enqueue(queue, seen, q + 1, outerNext);
        }
      }
    }
    return true;
  }

  /** Every string over {@code alphabet} of length 0 to {@code maxLength}. */
  static List<String> allStrings(String alphabet, int maxLength) {
    List<String> all = new ArrayList<>();
    all.add("");
    int from = 0;
    for (int length = 1; length <= maxLength; length++) {
      int to = all.size();
      for (int i = from; i < to; i++) {
        for (char c : alphabet.toCharArray()) {
          all.add(all.get(i) + c);
        }
      }
      from = to;
    }
    return all;
  }

  /**
   * Every string over {@code alphabet} of length 0 to {@code maxLength} that {@code pattern} (no
   * placeholders) matches, found by walking its automaton and dropping dead prefixes.
   */
  static List<String> stringsMatching(String pattern, String alphabet, int maxLength) {
    List<String> out = new ArrayList<>();
    collect(pattern, alphabet, maxLength, "", closure(pattern, 1L), out);
    return out;
  }

  private static void collect(
      String pattern,
      String alphabet,
      int maxLength,
      String prefix,
      long states,
      List<String> out) {
    if ((states & (1L << pattern.length())) != 0) {
      out.add(prefix);
    }
    if (prefix.length() == maxLength) {
      return;
    }
    for (char c : alphabet.toCharArray()) {
      long next = step(pattern, states, c);
      if (next != 0) {
        collect(pattern, alphabet, maxLength, prefix + c, next, out);
      }
    }
  }

  /**
   * A random string that {@code pattern} (no placeholders) matches: each {@code *} becomes 0 to 3
   * characters, each {@code ?} one, from {@code alphabet}. With {@code flipCase}, literal letters
   * change case at random, which a case-insensitive match still accepts.
   */
  static String instance(String pattern, Random random, String alphabet, boolean flipCase) {
    StringBuilder out = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        for (int n = random.nextInt(4); n > 0; n--) {
          out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      } else if (c == '?') {
        out.append(alphabet.charAt(random.nextInt(alphabet.length())));
      } else if (flipCase && random.nextBoolean()) {
        out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A pattern split into symbols: {@code ${name}} as one, every other character as one. */
  static List<String> symbols(String pattern) {
    List<String> symbols = new ArrayList<>();
    int i = 0;
    while (i < pattern.length()) {
      int end = pattern.startsWith("${", i) ? pattern.indexOf('}', i) + 1 : i + 1;
      symbols.add(pattern.substring(i, end));
      i = end;
    }
    return symbols;
  }

  private static void enqueue(Deque<long[]> queue, Set<Long> seen, int q, long outerState) {
    if (seen.add((outerState << 6) | q)) {
      queue.add(new long[] {q, outerState});
    }
  }

  /** Adds the states reachable without reading: past each {@code *}. */
  private static long closure(String pattern, long states) {
    for (int q = 0; q < pattern.length(); q++) {
      if ((states & (1L << q)) != 0 && pattern.charAt(q) == '*') {
        states |= 1L << (q + 1);
      }
    }
    return states;
  }

  private static long step(String pattern, long states, char x) {
    long next = 0;
    for (int q = 0; q < pattern.length(); q++) {
      if ((states & (1L << q)) == 0) {
        continue;
      }
      char p = pattern.charAt(q);
      if (p == '*') {
        next |= 1L << q;
      } else if (p == '?' || p == x) {
        next |= 1L << (q + 1);
      }
    }
    return closure(pattern, next);
  }

  private static char[] alphabet(String inner, String outer) {
    StringBuilder letters = new StringBuilder();
    for (char c : (inner + outer).toCharArray()) {
      if (c != '*' && c != '?' && letters.indexOf(String.valueOf(c)) < 0) {
        letters.append(c);
      }
    }
    for (char fresh : "#~%!".toCharArray()) {
      if (letters.indexOf(String.valueOf(fresh)) < 0) {
        return letters.append(fresh).toString().toCharArray();
      }
    }
    throw new IllegalArgumentException("no fresh character for '" + inner + "', '" + outer + "'");
  }
}
