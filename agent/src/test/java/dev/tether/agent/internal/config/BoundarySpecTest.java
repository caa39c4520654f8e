package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundarySpecTest {

  @Test
  void parsesClassAndMethod() {
    assertThat(BoundarySpec.parse("com.acme.Tools#fetch"))
        .isEqualTo(new BoundarySpec("com.acme.Tools", "fetch"))
        .hasToString("com.acme.Tools#fetch");
    assertThat(BoundarySpec.parse("com.acme.Outer$Inner#*").methodName()).isEqualTo("*");
    assertThat(BoundarySpec.parse("Tools#run").className()).isEqualTo("Tools");
  }

  @Test
  void rejectsWhatCannotNameOneMethod() {
    assertThatThrownBy(() -> BoundarySpec.parse("com.acme.Tools.fetch"))
        .hasMessage("boundary 'com.acme.Tools.fetch' is not of the form class#method (one '#')");
    assertThatThrownBy(() -> BoundarySpec.parse("com.acme.*#fetch"))
        .hasMessage(
            "boundary 'com.acme.*#fetch': the class name 'com.acme.*' has a wildcard;"
                + " name one class exactly");
    assertThatThrownBy(() -> BoundarySpec.parse("com/acme/Tools#fetch"))
        .hasMessageContaining("separate packages with '.'");
    assertThatThrownBy(() -> BoundarySpec.parse("com..Tools#fetch"))
        .hasMessageContaining("is not a binary class name");
    assertThatThrownBy(() -> BoundarySpec.parse("com.acme.Tools#"))
        .hasMessageContaining("the method name is missing");
    assertThatThrownBy(() -> BoundarySpec.parse("com.acme.Tools#get*"))
        .hasMessageContaining("'get*' is not a method name");
    assertThatThrownBy(() -> BoundarySpec.parse(" ")).hasMessageContaining("boundary is empty");
  }

  @Test
  void overlapsWhenTheyCanSelectTheSameMethod() {
    BoundarySpec fetch = BoundarySpec.parse("a.B#fetch");
    assertThat(fetch.overlaps(BoundarySpec.parse("a.B#fetch"))).isTrue();
    assertThat(fetch.overlaps(BoundarySpec.parse("a.B#*"))).isTrue();
    assertThat(BoundarySpec.parse("a.B#*").overlaps(fetch)).isTrue();
    assertThat(fetch.overlaps(BoundarySpec.parse("a.B#save"))).isFalse();
    assertThat(fetch.overlaps(BoundarySpec.parse("a.C#fetch"))).isFalse();
  }
}
