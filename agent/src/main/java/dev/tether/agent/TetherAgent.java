package dev.tether.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * The agent's entry points. Everything here uses the JDK only: the rest of Tether is hidden in
 * the jar under {@code inst/} and loaded by {@link AgentClassLoader}, so the application never
 * sees Tether's ASM or OpenTelemetry.
 *
 * <p>premain does the least it can and never throws: on any failure it prints one line and leaves
 * the bootstrap bridge in its fail-closed state, so the application runs and every credential use
 * is refused with the reason.
 */
public final class TetherAgent {

  private static final String INSTALLER = "dev.tether.agent.internal.AgentInstaller";
  private static final String CLI = "dev.tether.agent.internal.cli.AgentCli";

  private TetherAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  /** {@code java -jar tether-agent.jar check FILE}: runs without instrumenting anything. */
  public static void main(String[] args) {
    int exitCode;
    try {
      AgentClassLoader loader = new AgentClassLoader(agentJar());
      Object code =
          loader.loadClass(CLI).getMethod("run", String[].class).invoke(null, (Object) args);
      exitCode = (Integer) code;
    } catch (Throwable t) {
      System.err.println("tether: " + describe(t));
      exitCode = 1;
    }
    System.exit(exitCode);
  }

  private static void start(String agentArgs, Instrumentation instrumentation) {
    try {
      File jar = agentJar();
      // First, before any bootstrap class is touched: the bridge must exist exactly once, in the
      // bootstrap loader, where JDK and application classes alike can reach it.
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      AgentClassLoader loader = new AgentClassLoader(jar);
      loader
          .loadClass(INSTALLER)
          .getMethod("install", Instrumentation.class, String.class, ClassLoader.class)
          .invoke(null, instrumentation, agentArgs, loader);
    } catch (Throwable t) {
      String reason = describe(t);
      System.err.println(
          "[tether] failed to start: "
              + reason
              + "; the application runs, and every AWS credential use is refused until it restarts with a working agent");
      failClosed("Tether failed to start (" + reason + ")");
    }
  }

  private static void failClosed(String reason) {
    try {
      Class<?> bridge = Class.forName("dev.tether.bootstrap.TetherBridge", true, null);
      Class<?> dispatcher = Class.forName("dev.tether.bootstrap.TetherDispatcher", true, null);
      Object failClosed =
          Class.forName("dev.tether.bootstrap.FailClosedDispatcher", true, null)
              .getConstructor(String.class)
              .newInstance(reason);
      bridge.getMethod("install", dispatcher).invoke(null, failClosed);
    } catch (Throwable ignored) {
      // The bridge's initial dispatcher already refuses everything.
    }
  }

  static File agentJar() {
    try {
      return new File(
          TetherAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (Exception e) {
      throw new IllegalStateException("cannot locate the agent jar", e);
    }
  }

  private static String describe(Throwable t) {
    Throwable cause = t;
    while (cause instanceof InvocationTargetException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
