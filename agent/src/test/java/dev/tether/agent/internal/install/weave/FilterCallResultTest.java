package dev.tether.agent.internal.install.weave;

import static dev.tether.instrumentation.api.MethodMatcher.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.Origin;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Advice.FilterCallResult}: the value a call returns is changed before the method uses it,
 * in a constructor and on every path; a method without the call is not woven. The woven class is
 * linked in its own loader, so the JVM's verifier checks it.
 */
class FilterCallResultTest {

  private static final Advice.FilterCallResult TO_STRING = new Advice.FilterCallResult(
      "java/lang/StringBuilder", "toString", "()Ljava/lang/String;",
      BridgeMethod.of("dev/tether/agent/internal/install/weave/Recorder", "tagCopy",
          "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
      List.of(Origin.FIRST_ARGUMENT));

  private Class<?> woven;

  @BeforeEach
  void weave() throws Exception {
    Recorder.reset();
    ClassWeaver.Woven result = ClassWeaver.weave(ClassFiles.of(CallSiteSample.class), List.of(
        new MethodHook(named("<init>", "either"), TO_STRING)));
    assertThat(result.methods()).containsExactlyInAnyOrder(
        "<init>(Ljava/lang/StringBuilder;I)V",
        "either(Ljava/lang/StringBuilder;Z)Ljava/lang/String;");
    woven = ClassFiles.defineAndLink(
        CallSiteSample.class.getName(), result.classFile(), getClass().getClassLoader());
  }

  @Test
  void aConstructorKeepsTheFilteredValue() throws Exception {
    Object sample = woven.getConstructor(StringBuilder.class, int.class)
        .newInstance(new StringBuilder("headers"), 7);
    assertThat(woven.getMethod("kept").invoke(sample)).isEqualTo("[headers]/7");
    assertThat(Recorder.EVENTS).containsExactly("copy of StringBuilder");
  }

  @Test
  void everyCallIsFilteredOnEveryPath() throws Exception {
    assertThat(woven.getMethod("either", StringBuilder.class, boolean.class)
        .invoke(null, new StringBuilder("a"), true)).isEqualTo("[a]");
    assertThat(woven.getMethod("either", StringBuilder.class, boolean.class)
        .invoke(null, new StringBuilder("b"), false)).isEqualTo("other [b]");
  }

  @Test
  void aMethodThatNoLongerMakesTheCallIsNotWoven() {
    assertThatThrownBy(() -> ClassWeaver.weave(ClassFiles.of(CallSiteSample.class),
        List.of(new MethodHook(named("none"), TO_STRING))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("none(Ljava/lang/StringBuilder;)Ljava/lang/String; of "
            + CallSiteSample.class.getName() + " no longer calls java.lang.StringBuilder.toString");
  }
}
