package dev.tether.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * For agent runtimes that know their turn plan: narrows the running turn to the tools (and
 * repositories) the model asked for in this round, so the turn token holds exactly those. Tether
 * otherwise gives a turn what its configured rule resolves ({@code turns.tools}, {@code
 * turns.repos}; by default all of the task's).
 *
 * <p>Call it on the turn's thread, inside a turn boundary and before the turn's tool calls. It can
 * only narrow. Without the Tether agent it does nothing, so the runtime needs no other change.
 */
public final class TetherTurns {

  private TetherTurns() {}

  /**
   * Narrows the running turn.
   *
   * @return empty when the turn was narrowed, or when no Tether agent is attached (see {@link
   *     #agentAttached()}); otherwise why the turn was left as it was (no turn running, a tool or
   *     repository the turn does not have)
   */
  public static Optional<String> narrow(Collection<String> tools, Collection<String> repos) {
    Object dispatcher = Bridge.dispatcher();
    if (dispatcher == null) {
      return Optional.empty();
    }
    try {
      Object reason =
          Bridge.NARROW.invoke(dispatcher, List.copyOf(tools), List.copyOf(repos));
      return Optional.ofNullable((String) reason);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return Optional.of("the Tether agent could not narrow the turn: " + e);
    }
  }

  /** Whether a Tether agent is attached to this JVM. */
  public static boolean agentAttached() {
    return Bridge.dispatcher() != null;
  }

  private static final class Bridge {
    static final Method NARROW =
        AgentBridge.method("narrowTurn", Collection.class, Collection.class);

    static Object dispatcher() {
      return NARROW == null ? null : AgentBridge.dispatcher();
    }
  }
}
