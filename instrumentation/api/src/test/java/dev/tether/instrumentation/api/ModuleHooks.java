package dev.tether.instrumentation.api;

import java.util.Optional;
import java.util.Set;

/**
 * For instrumentation modules' tests (this module's test jar): the advice a module's hooks would
 * weave into one method of one type, as the agent's weaver looks it up: the first hook, of the type
 * instrumentations that apply to the type, whose matcher matches the method.
 */
public final class ModuleHooks {

  private ModuleHooks() {}

  public static Optional<Advice> adviceFor(
      InstrumentationModule module, String type, int access, String name, String descriptor) {
    MethodInfo method = new MethodInfo(access, name, descriptor, Set.of());
    for (TypeInstrumentation instrumentation : module.typeInstrumentations()) {
      if (!instrumentation.appliesTo(type)) {
        continue;
      }
      for (MethodHook hook : instrumentation.hooksFor(type)) {
        if (hook.matcher().matches(method)) {
          return Optional.of(hook.advice());
        }
      }
    }
    return Optional.empty();
  }
}
