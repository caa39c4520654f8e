package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.scope.PatternPairs.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link PatternContainment#covers}. Soundness is checked three ways: against
 * random instances (with placeholders), against exact language inclusion (without), and against
 * every short string (without). Completeness is only asserted where it is proven (literal inner
 * patterns); elsewhere it is measured in the statistics each run prints.
 *
 * <p>Measured completeness (share of included pairs that covers accepts), three runs of 10,000
 * tries each: exact inclusion, up to 8 symbols over {@code a b * ?}: 100% (about 7,000 included
 * pairs per run, none refused); brute force: 100%, and it agreed with exact inclusion on every
 * pair; with placeholders, inclusion for every sampled value (which can only overstate true
 * inclusion): 100%. Most included pairs here are narrowed by construction, which favours a
 * symbol-by-symbol match; {@link PatternContainmentExhaustiveTest} has the unbiased figure.
 */
class PatternContainmentPropertyTest {

  private static final List<String> CASED_SYMBOLS =
      List.of("a", "A", "b", "/", "*", "?", "${repo}", "${task.id}");

  /** Placeholder values: every 1- and 2-character string over {@code a b /}, and a few more. */
  private static final List<String> VALUES = values();

  @Property(tries = 10_000)
  void everySampledInstanceOfACoveredPatternMatches(
      @ForAll("casedPairs") Pair pair,
      @ForAll("identities") TaskIdentity id,
      @ForAll boolean ignoreCase,
      @ForAll long seed) {
    boolean covers = PatternContainment.covers(pair.outer(), pair.inner(), ignoreCase);
    Statistics.label("covers").collect(covers);
    Statistics.label("covers").coverage(c -> c.check(true).percentage(p -> p >= 25));
    if (!covers) {
      return;
    }
    String outer = Placeholders.substitute(pair.outer(), id);
    String inner = Placeholders.substitute(pair.inner(), id);
    Random random = new Random(seed);
    for (int n = 0; n < 20; n++) {
      String value = PatternLanguages.instance(inner, random, "abA/c", ignoreCase);
      assertThat(IamPattern.matches(inner, value, ignoreCase)).as("sampler").isTrue();
      assertThat(IamPattern.matches(outer, value, ignoreCase))
          .as("%s: outer misses the instance '%s' (%s)", pair, value, id)
          .isTrue();
    }
  }

  @Property(tries = 10_000)
  void coversOnlyWhatExactInclusionConfirms(@ForAll("plainPairs") Pair pair) {
    boolean included = PatternLanguages.included(pair.inner(), pair.outer());
    boolean covers = PatternContainment.covers(pair.outer(), pair.inner(), false);
    Statistics.label("included, covered").collect(included, covers);
    Statistics.label("included, covered")
        .coverage(c -> c.check(true, true).percentage(p -> p >= 25));
    if (covers) {
      assertThat(included).as("'%s' covers '%s'", pair.outer(), pair.inner()).isTrue();
    }
    if (IamPattern.isLiteral(pair.inner())) {
      assertThat(covers).as("literal inner: %s", pair).isEqualTo(included);
    }
  }

  /**
   * Every string up to {@code len(inner) + 2} characters over {@code a b c} that the inner pattern
   * matches (c standing for any other character). Also checks the exact-inclusion oracle where the
   * brute force is conclusive, and counts how often the two agree.
   */
  @Property(tries = 10_000)
  void coversOnlyWhenNoShortStringEscapes(@ForAll("smallPlainPairs") Pair pair) {
    String escaping = null;
    int maxLength = pair.inner().length() + 2;
    for (String s : PatternLanguages.stringsMatching(pair.inner(), "abc", maxLength)) {
      assertThat(IamPattern.matches(pair.inner(), s, false)).as("enumerator").isTrue();
      if (escaping == null && !IamPattern.matches(pair.outer(), s, false)) {
        escaping = s;
      }
    }
    boolean covers = PatternContainment.covers(pair.outer(), pair.inner(), false);
    boolean included = PatternLanguages.included(pair.inner(), pair.outer());
    Statistics.label("no short string escapes, covered").collect(escaping == null, covers);
    Statistics.label("brute force agrees with exact inclusion")
        .collect((escaping == null) == included);
    Statistics.label("no short string escapes, covered")
        .coverage(c -> c.check(true, true).percentage(p -> p >= 25));
    if (covers) {
      assertThat(escaping)
          .as("'%s' covers '%s' but not '%s'", pair.outer(), pair.inner(), escaping)
          .isNull();
    }
    if (escaping != null) {
      assertThat(included).as("oracle on '%s' ⊇ '%s'", pair.outer(), pair.inner()).isFalse();
    }
  }

  /**
   * With placeholders: for every value of {@code ${repo}} in {@link #VALUES} (and a random one for
   * {@code ${task.id}}), the filled-in inner pattern is exactly included in the filled-in outer.
   */
  @Property(tries = 10_000)
  void coveredForEverySampledPlaceholderValue(
      @ForAll("placeholderPairs") Pair pair, @ForAll long seed) {
    boolean covers = PatternContainment.covers(pair.outer(), pair.inner(), false);
    Random random = new Random(seed);
    boolean includedForAll = true;
    for (String repo : VALUES) {
      String task = VALUES.get(random.nextInt(VALUES.size()));
      TaskIdentity id = new TaskIdentity(task, "u", repo);
      String outer = Placeholders.substitute(pair.outer(), id);
      String inner = Placeholders.substitute(pair.inner(), id);
      boolean included = PatternLanguages.included(inner, outer);
      if (covers) {
        assertThat(included)
            .as("'%s' covers '%s' but not with %s", pair.outer(), pair.inner(), id)
            .isTrue();
      }
      includedForAll &= included;
      if (!includedForAll) {
        break;
      }
    }
    Statistics.label("included for sampled values, covered").collect(includedForAll, covers);
    Statistics.label("included for sampled values, covered")
        .coverage(c -> c.check(true, true).percentage(p -> p >= 25));
  }

  @Property(tries = 10_000)
  void everyPatternCoversItself(
      @ForAll("casedPatterns") String pattern, @ForAll boolean ignoreCase) {
    assertThat(PatternContainment.covers(pattern, pattern, ignoreCase)).isTrue();
  }

  /** For a literal inner pattern, covering is matching: exact, as proven in PatternContainment. */
  @Property(tries = 10_000)
  void literalInnerIsCoveredExactlyWhenMatched(
      @ForAll("casedPatterns") String outer,
      @ForAll("identities") TaskIdentity id,
      @ForAll boolean ignoreCase,
      @ForAll long seed) {
    Random random = new Random(seed);
    // Half the time an instance of the outer pattern (matches unless a placeholder is in it).
    String template = random.nextBoolean() ? Placeholders.substitute(outer, id) : "*";
    String inner = PatternLanguages.instance(template, random, "abA/", ignoreCase);
    boolean matches = IamPattern.matches(outer, inner, ignoreCase);
    Statistics.label("matches").collect(matches);
    Statistics.label("matches").coverage(c -> c.check(true).percentage(p -> p >= 20));
    assertThat(PatternContainment.covers(outer, inner, ignoreCase))
        .as("'%s' vs literal '%s'", outer, inner)
        .isEqualTo(matches);
  }

  /**
   * Holds for this algorithm: composing a symbol-by-symbol match of a over b with one of b over c
   * gives one of a over c (lengths only grow along the way).
   */
  @Property(tries = 10_000)
  void coversIsTransitive(@ForAll("casedChains") List<String> chain, @ForAll boolean ignoreCase) {
    String a = chain.get(0);
    String b = chain.get(1);
    String c = chain.get(2);
    boolean premise =
        PatternContainment.covers(a, b, ignoreCase) && PatternContainment.covers(b, c, ignoreCase);
    Statistics.label("a covers b covers c").collect(premise);
    Statistics.label("a covers b covers c").coverage(k -> k.check(true).percentage(p -> p >= 25));
    if (premise) {
      assertThat(PatternContainment.covers(a, c, ignoreCase))
          .as("'%s' ⊇ '%s' ⊇ '%s'", a, b, c)
          .isTrue();
    }
  }

  @Provide
  Arbitrary<Pair> casedPairs() {
    return PatternPairs.pairs(CASED_SYMBOLS, 8);
  }

  @Provide
  Arbitrary<Pair> plainPairs() {
    return PatternPairs.pairs(PatternPairs.PLAIN, 8);
  }

  @Provide
  Arbitrary<Pair> smallPlainPairs() {
    // Inner up to 6 characters: at most 3^8 strings to try.
    return PatternPairs.pairs(PatternPairs.PLAIN, 5).filter(p -> p.inner().length() <= 6);
  }

  @Provide
  Arbitrary<Pair> placeholderPairs() {
    return PatternPairs.pairs(PatternPairs.WITH_PLACEHOLDERS, 6);
  }

  @Provide
  Arbitrary<String> casedPatterns() {
    return PatternPairs.patterns(CASED_SYMBOLS, 12);
  }

  @Provide
  Arbitrary<List<String>> casedChains() {
    return PatternPairs.chains(CASED_SYMBOLS, 8);
  }

  @Provide
  Arbitrary<TaskIdentity> identities() {
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.strings().withChars("abA/c.-").ofMinLength(1).ofMaxLength(4)),
            Tuple.of(1, Arbitraries.strings().withChars("ab/").ofLength(TaskIdentity.MAX_LENGTH)));
    return Combinators.combine(value, value, value).as(TaskIdentity::new);
  }

  private static List<String> values() {
    List<String> values = new ArrayList<>(PatternLanguages.allStrings("ab/", 2));
    values.remove("");
    values.addAll(List.of("c", "aba", "abab", "a/b/", "bbb"));
    return values;
  }
}
