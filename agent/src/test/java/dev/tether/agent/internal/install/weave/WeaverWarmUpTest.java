package dev.tether.agent.internal.install.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

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
        .containsExactlyInAnyOrder("wrap(Ljava/lang/Runnable;)V", "filter(Z)Ljava/util/List;", "scope(J)V");
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(woven.classFile()), getClass().getClassLoader(), false, new PrintWriter(problems));
    assertThat(problems.toString()).isEmpty();
    WeaverWarmUp.run(); // and never throws
  }
}
