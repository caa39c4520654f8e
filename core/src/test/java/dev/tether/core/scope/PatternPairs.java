package dev.tether.core.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of short patterns and of (outer, inner) pairs for the containment properties. Two
 * independent random patterns are rarely contained in each other, which would leave the soundness
 * properties with little to check, so most inner patterns are derived from the outer one: narrowed
 * (contained by construction), or narrowed and then changed in one place (often not contained).
 */
final class PatternPairs {

  /** Symbols of the small test alphabet without placeholders. */
  static final List<String> PLAIN = List.of("a", "b", "*", "?");

  /** The same with {@code /} and two placeholders. */
  static final List<String> WITH_PLACEHOLDERS =
      List.of("a", "b", "/", "*", "?", "${repo}", "${task.id}");

  private PatternPairs() {}

  /** An outer and an inner pattern; the order of {@code covers(outer, inner)}. */
  record Pair(String outer, String inner) {}

  /** Patterns of up to {@code maxSymbols} symbols. */
  static Arbitrary<String> patterns(List<String> symbols, int maxSymbols) {
    return Arbitraries.of(symbols).list().ofMaxSize(maxSymbols).map(l -> String.join("", l));
  }

  /** Pairs of patterns of up to {@code maxSymbols} symbols; a derived inner one may be longer. */
  static Arbitrary<Pair> pairs(List<String> symbols, int maxSymbols) {
    return Combinators.combine(
            patterns(symbols, maxSymbols), patterns(symbols, maxSymbols), Arbitraries.longs())
        .as((outer, other, seed) -> pair(symbols, outer, other, new Random(seed)));
  }

  /** A chain a ⊇ b ⊇ c by construction, with occasional changes that break it. */
  static Arbitrary<List<String>> chains(List<String> symbols, int maxSymbols) {
    return Combinators.combine(patterns(symbols, maxSymbols), Arbitraries.longs())
        .as(
            (a, seed) -> {
              Random random = new Random(seed);
              String b = maybeMutate(symbols, narrow(symbols, a, random), random);
              String c = maybeMutate(symbols, narrow(symbols, b, random), random);
              return List.of(a, b, c);
            });
  }

  /**
   * A pattern that matches a subset of what {@code pattern} matches: each {@code *} becomes up to
   * three random symbols, each {@code ?} stays or becomes a letter, everything else stays.
   */
  static String narrow(List<String> symbols, String pattern, Random random) {
    StringBuilder out = new StringBuilder();
    for (String symbol : PatternLanguages.symbols(pattern)) {
      if (symbol.equals("*")) {
        for (int n = random.nextInt(4); n > 0; n--) {
          out.append(symbols.get(random.nextInt(symbols.size())));
        }
      } else if (symbol.equals("?") && random.nextBoolean()) {
        out.append(random.nextBoolean() ? "a" : "b");
      } else {
        out.append(symbol);
      }
    }
    return out.toString();
  }

  private static Pair pair(List<String> symbols, String outer, String other, Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return new Pair(outer, other);
      case 1:
        return new Pair(outer, mutate(symbols, narrow(symbols, outer, random), random));
      default:
        return new Pair(outer, narrow(symbols, outer, random));
    }
  }

  private static String maybeMutate(List<String> symbols, String pattern, Random random) {
    return random.nextInt(4) == 0 ? mutate(symbols, pattern, random) : pattern;
  }

  /** Replaces, inserts or deletes one symbol: may widen the pattern. */
  private static String mutate(List<String> symbols, String pattern, Random random) {
    List<String> parts = new ArrayList<>(PatternLanguages.symbols(pattern));
    String symbol = symbols.get(random.nextInt(symbols.size()));
    int at = random.nextInt(parts.size() + 1);
    switch (random.nextInt(3)) {
      case 0:
        parts.add(at, symbol);
        break;
      case 1:
        if (at < parts.size()) {
          parts.set(at, symbol);
        }
        break;
      default:
        if (at < parts.size()) {
          parts.remove(at);
        }
        break;
    }
    return String.join("", parts);
  }
}
