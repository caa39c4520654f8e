package dev.tether.bench.noop;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A control for the start-up benchmark: a {@code -javaagent} that registers a transformer which
 * changes no class. What it costs an application is what any agent that hooks classes as they load
 * costs before it does anything: the JVM's own work for an agent (the module graph, the agent's
 * jar, the class-file copy it hands the transformer for every class that loads).
 */
public final class NoopAgent {

  private NoopAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    instrumentation.addTransformer(new Unchanged(), true);
  }

  private static final class Unchanged implements ClassFileTransformer {
    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String className,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] classfileBuffer) {
      return null;
    }
  }
}
