package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IamPatternTest {

  @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|''|true",
        "''|a|false",
        "a|''|false",
        "*|''|true",
        "*|anything/at/all|true",
        "**|''|true",
        "?|''|false",
        "?|a|true",
        "?|ab|false",
        "??|ab|true",
        "a*|a|true",
        "a*b|ab|true",
        "a*b|axxb|true",
        "a*b|axxbc|false",
        "a**b|a/x/b|true",
        "*a*|bab|true",
        "*a*|bbb|false",
        "a?c|abc|true",
        "a?c|ac|false",
        "a*?|a|false",
        "a*?|ab|true",
        "*?*|''|false",
        "bucket/*|bucket/dir/sub/key|true",
        "bucket/*/key|bucket/a/b/key|true",
        "bucket/t-1/*|bucket/t-2/x|false",
        "abc|abc|true",
        "abc|abcd|false",
        "abcd|abc|false",
        "a*b*c|aXbYbZc|true",
        "a*b*c|aXbYbZ|false",
        "*.txt|dir/file.txt|true",
        "*.txt|dir/file.txt.bak|false",
      })
  void matchesCaseSensitive(String pattern, String value, boolean expected) {
    assertThat(IamPattern.matches(pattern, value, false)).isEqualTo(expected);
  }

  @Test
  void ignoreCaseOnlyWhenAsked() {
    assertThat(IamPattern.matches("s3:GetObject", "S3:getobject", true)).isTrue();
    assertThat(IamPattern.matches("s3:get*", "s3:GetObject", true)).isTrue();
    assertThat(IamPattern.matches("s3:get*", "s3:GetObject", false)).isFalse();
    assertThat(IamPattern.matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x", false))
        .isFalse();
  }

  @Test
  void wildcardsInValueAreLiteral() {
    assertThat(IamPattern.matches("a", "*", false)).isFalse();
    assertThat(IamPattern.matches("?", "*", false)).isTrue();
    assertThat(IamPattern.matches("*", "*", false)).isTrue();
  }

  @Test
  void nullNeverMatches() {
    assertThat(IamPattern.matches(null, "a", false)).isFalse();
    assertThat(IamPattern.matches("*", null, false)).isFalse();
  }

  @Test
  void pathologicalPatternFinishes() {
    // Exponential for naive recursive matchers; quadratic at worst here.
    String pattern = "a*".repeat(200) + "b";
    String value = "a".repeat(5_000);
    assertThat(IamPattern.matches(pattern, value, false)).isFalse();
    assertThat(IamPattern.matches(pattern, value + "b", false)).isTrue();
  }

  @Test
  void agreesWithRegexOracleOnRandomInputs() {
    Random random = new Random(42); // fixed seed: failures reproduce
    String alphabet = "ab/*?";
    for (int i = 0; i < 20_000; i++) {
      String pattern = randomString(random, alphabet, 8);
      String value = randomString(random, "aAb/", 10);
      boolean ignoreCase = random.nextBoolean();
      assertThat(IamPattern.matches(pattern, value, ignoreCase))
          .as("'%s' vs '%s' ignoreCase=%s", pattern, value, ignoreCase)
          .isEqualTo(oracle(pattern, value, ignoreCase));
    }
  }

  private static boolean oracle(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    return Pattern.compile(regex.toString(), flags).matcher(value).matches();
  }

  private static String randomString(Random random, String alphabet, int maxLength) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @Test
  void isLiteral() {
    assertThat(IamPattern.isLiteral("arn:aws:s3:::b/k")).isTrue();
    assertThat(IamPattern.isLiteral("")).isTrue();
    assertThat(IamPattern.isLiteral("b/*")).isFalse();
    assertThat(IamPattern.isLiteral("b/?")).isFalse();
  }
}
