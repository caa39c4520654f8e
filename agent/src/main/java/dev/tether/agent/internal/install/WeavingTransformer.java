package dev.tether.agent.internal.install;

import dev.tether.agent.internal.install.weave.ClassWeaver;
import dev.tether.bootstrap.TetherField;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Weaves the hooks of every instrumentation that applies to a class. A class that cannot be woven
 * loads unchanged, with one line on stderr naming it and why: the host application never fails to
 * load a class because of Tether.
 */
final class WeavingTransformer implements ClassFileTransformer {

  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  /** Where premain reports a class it could not hook: one line on stderr. */
  static final Consumer<String> STDERR =
      new Consumer<>() {
        @Override
        public void accept(String unhooked) {
          System.err.println("[tether] could not hook " + unhooked);
        }
      };

  private final List<TypeInstrumentation> instrumentations;
  private final Consumer<String> unhooked;
  private final DispatcherCoverage coverage;

  /** @param unhooked told of each class that runs unhooked, and why */
  WeavingTransformer(List<TypeInstrumentation> instrumentations, Consumer<String> unhooked) {
    this(instrumentations, unhooked, DispatcherCoverage.of(List.of(), unhooked));
  }

  /** @param coverage checks a framework's dispatcher when the framework's marker type loads */
  WeavingTransformer(
      List<TypeInstrumentation> instrumentations,
      Consumer<String> unhooked,
      DispatcherCoverage coverage) {
    this.instrumentations = List.copyOf(instrumentations);
    this.unhooked = unhooked;
    this.coverage = coverage;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (classBeingRedefined == null) {
      coverage.loading(className, loader);
    }
    List<MethodHook> hooks = new ArrayList<>();
    boolean withField = false;
    for (TypeInstrumentation instrumentation : instrumentations) {
      if (instrumentation.appliesTo(className)) {
        hooks.addAll(instrumentation.hooksFor(className));
        withField |= instrumentation.typesWithTetherField().contains(className);
      }
    }
    // A loaded class keeps its shape when it is retransformed (by anyone): it is given the field
    // again if it has it, and never if it loaded without it.
    withField &= classBeingRedefined == null
        || TetherField.class.isAssignableFrom(classBeingRedefined);
    if (hooks.isEmpty() && !withField) {
      return null;
    }
    long start = System.nanoTime();
    try {
      ClassWeaver.Woven woven = ClassWeaver.weave(classfileBuffer, hooks, withField);
      if (DEBUG && woven != null) {
        System.err.printf(
            "[tether] hooked %s %s on %s in %d µs%n",
            className.replace('/', '.'),
            woven.methods(),
            Thread.currentThread().getName(),
            (System.nanoTime() - start) / 1_000);
      }
      return woven == null ? null : woven.classFile();
    } catch (RuntimeException | LinkageError e) {
      // A hook that is missing matters: say so, once per class.
      unhooked.accept(className.replace('/', '.') + " (it runs unhooked): " + e);
      if (DEBUG) {
        e.printStackTrace();
      }
      return null;
    }
  }
}
