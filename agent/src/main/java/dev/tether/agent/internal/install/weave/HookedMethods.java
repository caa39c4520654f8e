package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.MethodHook;
import java.util.List;
import org.objectweb.asm.ClassReader;

/** Which methods of a class file some hooks would weave, without weaving anything. */
public final class HookedMethods {

  private HookedMethods() {}

  /** The matched methods as {@code name + descriptor}; empty when none matches. */
  public static List<String> of(byte[] classFile, List<MethodHook> hooks) {
    return List.copyOf(HookPlan.of(new ClassReader(classFile), hooks).keySet());
  }
}
