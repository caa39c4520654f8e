package dev.tether.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * The token fields' character rules decide exactly as the regular expressions they replaced, on
 * strings of each rule's own characters, short or across its longest, half of them with one
 * other character put in.
 */
class CharRulePropertyTest {

  private static final CharRule ID = new CharRule("_.:=+@-", 1, 128);
  private static final CharRule KEY_ID = new CharRule("_.-", 1, 64);
  private static final CharRule NAME = new CharRule("._:/@+=,-", 1, 128);
  private static final CharRule THUMBPRINT = new CharRule("_-", 43, 43);

  @Property(tries = 2000)
  void anIdIsCheckedAsBefore(@ForAll("ids") String value) {
    assertThat(ID.matches(value))
        .isEqualTo(Pattern.matches("[A-Za-z0-9_.:=+@-]{1,128}", value));
  }

  @Property(tries = 2000)
  void aKeyIdOrToolNameIsCheckedAsBefore(@ForAll("keyIds") String value) {
    assertThat(KEY_ID.matches(value)).isEqualTo(Pattern.matches("[A-Za-z0-9_.-]{1,64}", value));
  }

  @Property(tries = 2000)
  void aNameIsCheckedAsBefore(@ForAll("names") String value) {
    assertThat(NAME.matches(value))
        .isEqualTo(Pattern.matches("[A-Za-z0-9._:/@+=,-]{1,128}", value));
  }

  @Property(tries = 2000)
  void aThumbprintIsCheckedAsBefore(@ForAll("thumbprints") String value) {
    assertThat(THUMBPRINT.matches(value)).isEqualTo(Pattern.matches("[A-Za-z0-9_-]{43}", value));
  }

  @Example
  void eachRuleSaysInWordsWhatItAllows() {
    assertThat(KEY_ID.description()).isEqualTo("letters, digits and _ . -, 1 to 64 characters");
    assertThat(ID.description())
        .isEqualTo("letters, digits and _ . : = + @ -, 1 to 128 characters");
    assertThat(TokenLayer.KEY_ID_RULE).isEqualTo(KEY_ID.description());
  }

  @Provide
  Arbitrary<String> ids() {
    return around("_.:=+@-", 128);
  }

  @Provide
  Arbitrary<String> keyIds() {
    return around("_.-", 64);
  }

  @Provide
  Arbitrary<String> names() {
    return around("._:/@+=,-", 128);
  }

  @Provide
  Arbitrary<String> thumbprints() {
    return around("_-", 43);
  }

  /**
   * Strings of the rule's own characters, short or near its longest, half of them with one other
   * character put in: another rule's punctuation, or one no rule allows (control characters,
   * non-ASCII letters).
   */
  private static Arbitrary<String> around(String punctuation, int longest) {
    Arbitrary<String> clean = Arbitraries.oneOf(
        chars(punctuation).ofMinLength(0).ofMaxLength(8),
        chars(punctuation).ofMinLength(longest - 2).ofMaxLength(longest + 2));
    Arbitrary<String> odd = Combinators.combine(
            clean,
            Arbitraries.of(' ', '!', '"', '#', '%', '*', ';', '<', '?', '[', '\\', '`', '{', '~',
                '\t', '\n', '\u0000', '\u007f', '\u00e9', '\u0430', '\u212a', '\u0130', '_',
                '.', ':', '=', '+', '@', '-', '/', ','),
            Arbitraries.integers().between(0, 1000))
        .as((text, c, at) -> {
          int i = at % (text.length() + 1);
          return text.substring(0, i) + c + text.substring(i);
        });
    return Arbitraries.oneOf(clean, odd);
  }

  private static StringArbitrary chars(String punctuation) {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars(punctuation);
  }
}
