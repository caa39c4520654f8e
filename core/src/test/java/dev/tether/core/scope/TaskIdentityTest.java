package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdentityTest {

  @Test
  void acceptsTypicalValues() {
    TaskIdentity id = new TaskIdentity("t-1.a_b:c", "user@example.com", "org/repo+x=y,z");
    assertThat(id.repo()).isEqualTo("org/repo+x=y,z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"*", "t-*", "t?", "${x}", "$", "{", "}", "a b", "a\"b", "a'b", "a\nb", "é"})
  void rejectsValuesThatCouldWidenOrInject(String value) {
    assertThatThrownBy(() -> new TaskIdentity(value, "u", "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TaskIdentity.taskId")
        .hasMessageContaining("allowed are letters, digits");
  }

  @Test
  void namesFieldAndCharacter() {
    assertThatThrownBy(() -> new TaskIdentity("t", "u", "org/*"))
        .hasMessageContaining("TaskIdentity.repo contains '*' at index 4");
    assertThatThrownBy(() -> new TaskIdentity("t", "a b", "r"))
        .hasMessageContaining("TaskIdentity.userId contains a space at index 1");
    assertThatThrownBy(() -> new TaskIdentity("t", "u", "a\tb"))
        .hasMessageContaining("character U+0009");
  }

  @Test
  void rejectsNullEmptyAndTooLong() {
    assertThatThrownBy(() -> new TaskIdentity(null, "u", "r"))
        .hasMessageContaining("taskId must not be null");
    assertThatThrownBy(() -> new TaskIdentity("t", "", "r"))
        .hasMessageContaining("userId must be 1 to 128 characters long, but is 0");
    assertThat(new TaskIdentity("t", "u", "r".repeat(128)).repo()).hasSize(128);
    assertThatThrownBy(() -> new TaskIdentity("t", "u", "r".repeat(129)))
        .hasMessageContaining("but is 129");
  }
}
