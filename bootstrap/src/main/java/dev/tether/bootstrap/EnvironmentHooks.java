package dev.tether.bootstrap;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hides the configured secret environment variables (a {@code GITHUB_TOKEN} the runtime holds for
 * the whole task) from tool code and from the processes tools start. Outside tool calls nothing
 * changes. Woven into {@code System.getenv} and the JDK's process launcher.
 */
public final class EnvironmentHooks {

  /** No environment variable has this name ({@code =} cannot appear in one on Unix). */
  private static final String NO_SUCH_NAME = "=tether-hidden";

  private static volatile Set<String> hidden = Collections.emptySet();

  private EnvironmentHooks() {}

  /** The variables to hide inside tool calls; set by the agent at start-up. */
  public static void hide(Collection<String> names) {
    hidden = Set.copyOf(names);
  }

  /** {@code System.getenv(name)} at entry: a hidden name reads as absent inside a tool call. */
  public static String variableName(String name) {
    if (name != null && hidden.contains(name) && ToolContext.current() != null) {
      return NO_SUCH_NAME;
    }
    return name;
  }

  /** {@code System.getenv()} on return: inside a tool call, the map without the hidden names. */
  public static Map<String, String> variables(Map<String, String> environment) {
    Set<String> names = hidden;
    if (environment == null || names.isEmpty() || ToolContext.current() == null) {
      return environment;
    }
    Map<String, String> visible = new LinkedHashMap<>(environment);
    visible.keySet().removeAll(names);
    return Collections.unmodifiableMap(visible);
  }

  /**
   * The environment a new process gets ({@code ProcessImpl.start}'s argument; {@code null} means
   * the parent's): inside a tool call, the same without the hidden names.
   */
  public static Map<String, String> childEnvironment(Map<String, String> environment) {
    Set<String> names = hidden;
    if (names.isEmpty() || ToolContext.current() == null) {
      return environment;
    }
    // The launcher needs the JDK's own environment map type: a fresh ProcessBuilder's is one,
    // holding this process's environment.
    Map<String, String> child = environment != null ? environment : new ProcessBuilder().environment();
    child.keySet().removeAll(names);
    return child;
  }
}
