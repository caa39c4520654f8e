package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  private static final TaskIdentity ID = new TaskIdentity("t-1", "u-7", "org/repo");

  @Test
  void substitutesAllSupportedPlaceholders() {
    assertThat(Placeholders.substitute("a/${task.id}/${user.id}/${repo}/${task.id}", ID))
        .isEqualTo("a/t-1/u-7/org/repo/t-1");
    assertThat(Placeholders.substitute("${repo}", ID)).isEqualTo("org/repo");
  }

  @Test
  void leavesTextWithoutPlaceholdersAlone() {
    assertThat(Placeholders.substitute("", ID)).isEmpty();
    assertThat(Placeholders.substitute("a$b{c}", ID)).isEqualTo("a$b{c}");
  }

  @Test
  void rejectsUnknownPlaceholder() {
    assertThatThrownBy(() -> Placeholders.substitute("b/${task}/x", ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown placeholder ${task} in 'b/${task}/x'; use ${task.id}, ${user.id} or ${repo}");
    assertThatThrownBy(() -> Placeholders.substitute("${aws:username}", ID))
        .hasMessageStartingWith("unknown placeholder ${aws:username}");
  }

  @Test
  void rejectsUnterminatedPlaceholder() {
    assertThatThrownBy(() -> Placeholders.substitute("b/${task.id", ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated placeholder '${task.id' in 'b/${task.id'")
        .hasMessageEndingWith("use ${task.id}, ${user.id} or ${repo}");
  }

  @Test
  void substitutedValueIsNotRescanned() {
    // Values cannot contain '$' anyway; this checks the scanner moves past each replacement.
    assertThat(Placeholders.substitute("${task.id}}${user.id}", ID)).isEqualTo("t-1}u-7");
  }

  @Test
  void listsUnknownPlaceholders() {
    assertThat(Placeholders.unknownPlaceholders("a/${task.id}/${repo}")).isEmpty();
    assertThat(Placeholders.unknownPlaceholders("${x}/${task.id}/${}/${user.id"))
        .containsExactly("${x}", "${}", "${user.id");
  }
}
