package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternContainmentTest {

  @ParameterizedTest(name = "''{0}'' covers ''{1}'': {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "s3:Get*|s3:GetObject|true",
        "s3:Get*|s3:GetObject*|true",
        "s3:GetObject|s3:Get*|false",
        "s3:Get?bject|s3:GetObject|true",
        "s3:Get?bject|s3:Get?bject|true",
        "s3:GetObject|s3:Get?bject|false",
        "s3:*|s3:Get*|true",
        "s3:Get*|s3:*|false",
        // Wildcard runs: order inside a run does not matter, and counts do.
        "a*?|a?*|true",
        "a?*|a*?|true",
        "a**|a*|true",
        "a??*|a*bc|true",
        "a???*|a*bc|false",
        "a??|a*|false",
        "a?|a??|false",
        "*|''|true",
        "?*|''|false",
        "''|''|true",
        // Placeholders: one opaque symbol of 1 to 128 characters.
        "arn:aws:s3:::b/*|arn:aws:s3:::b/${repo}/*|true",
        "arn:aws:s3:::b/${repo}/*|arn:aws:s3:::b/${repo}/k|true",
        "arn:aws:s3:::b/${repo}/*|arn:aws:s3:::b/${repo}/*|true",
        "arn:aws:s3:::b/?/x|arn:aws:s3:::b/${repo}/x|false",
        "arn:aws:s3:::b/?*/x|arn:aws:s3:::b/${repo}/x|true",
        "arn:aws:s3:::b/??*/x|arn:aws:s3:::b/${repo}/x|false",
        "arn:aws:s3:::b/${repo}/*|arn:aws:s3:::b/*|false",
        "arn:aws:s3:::b/${repo}/*|arn:aws:s3:::b/org/r/*|false",
        "arn:aws:s3:::b/${repo}/*|arn:aws:s3:::b/${task.id}/*|false",
        "arn:aws:s3:::b/${repo}*|arn:aws:s3:::b/${repo}${repo}|true",
        "arn:aws:s3:::b/*/*|arn:aws:s3:::b/${repo}|false",
      })
  void examples(String outer, String inner, boolean expected) {
    assertThat(PatternContainment.covers(outer, inner, false)).isEqualTo(expected);
  }

  @Test
  void actionsIgnoreCaseResourcesDoNot() {
    assertThat(PatternContainment.covers("s3:get*", "S3:GetObject", true)).isTrue();
    assertThat(PatternContainment.covers("s3:get*", "S3:GetObject", false)).isFalse();
    assertThat(PatternContainment.covers("arn:aws:s3:::b/*", "arn:aws:s3:::B/k", false)).isFalse();
  }

  @Test
  void literalInnerIsCoveredExactlyWhenMatched() {
    String[] outers = {"a*b", "a?b", "*", "a*?", "ab", "*.txt"};
    String[] inners = {"ab", "axb", "a", "", "dir/f.txt", "axxb"};
    for (String outer : outers) {
      for (String inner : inners) {
        assertThat(PatternContainment.covers(outer, inner, false))
            .as("'%s' vs '%s'", outer, inner)
            .isEqualTo(IamPattern.matches(outer, inner, false));
      }
    }
  }

  @Test
  void nullNeverCoversNorIsCovered() {
    assertThat(PatternContainment.covers(null, "a", false)).isFalse();
    assertThat(PatternContainment.covers("*", null, false)).isFalse();
  }

  @Test
  void rejectsUnknownPlaceholders() {
    assertThatThrownBy(() -> PatternContainment.covers("arn:aws:s3:::b/${task}/*", "*", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "pattern 'arn:aws:s3:::b/${task}/*' has unsupported placeholder(s) [${task}];"
                + " use ${task.id}, ${user.id} or ${repo}");
    assertThatThrownBy(() -> PatternContainment.covers("*", "b/${repo", false))
        .hasMessageContaining("unsupported placeholder(s) [${repo]");
  }

  @Test
  void longPatternsFinish() {
    // Exponential for backtracking matchers; O(outer × inner) symbol steps here.
    String outer = "a*".repeat(1_000) + "b";
    String inner = "a?".repeat(1_000) + "*a";
    assertThat(PatternContainment.covers(outer, inner, false)).isFalse();
    assertThat(PatternContainment.covers(outer, inner + "b", false)).isTrue();
    assertThat(PatternContainment.covers("?".repeat(2_000) + "*", "*" + "a".repeat(2_000), false))
        .isTrue();
  }
}
