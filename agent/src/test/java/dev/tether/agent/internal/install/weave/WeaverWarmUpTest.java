package dev.tether.agent.internal.install.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The warm-up weaves what it claims to: every kind of advice, into verifiable code. */
class WeaverWarmUpTest {

  @Test
  void theWarmUpTargetTakesEveryKindOfAdviceAndStaysVerifiable() throws Exception {
    byte[] target;
    try (InputStream in = WeaverWarmUp.class.getResourceAsStream("WeaverWarmUp$Target.class")) {
      target = in.readAllBytes();
    }
    ClassWeaver.Woven woven = ClassWeaver.weave(target, WeaverWarmUp.HOOKS);
    assertThat(woven.methods())
        .containsExactlyInAnyOrder(
            "wrap(Ljava/lang/Runnable;)V",
            "filter(Z)Ljava/util/List;",
            "scope(J)V",
            "deferred(Ljava/lang/Object;)Ljava/lang/CharSequence;");
    assertThat(ClassFiles.verifierProblems(woven.classFile(), getClass().getClassLoader())).isEmpty();
    WeaverWarmUp.run(); // and never throws
  }
}
