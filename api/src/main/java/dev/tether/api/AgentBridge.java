package dev.tether.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The Tether agent's dispatcher, found by reflection: the agent puts its bridge on the boot class
 * path, visible to every loader, and this module has no compile dependency on the agent.
 */
final class AgentBridge {

  private static final String BRIDGE = "dev.tether.bootstrap.TetherBridge";
  private static final Method DISPATCHER = dispatcherMethod();

  private AgentBridge() {}

  /**
   * A method of the agent's dispatcher, or {@code null} when no agent (or an agent without it) is
   * attached.
   */
  static Method method(String name, Class<?>... parameters) {
    if (DISPATCHER == null) {
      return null;
    }
    try {
      return DISPATCHER.getReturnType().getMethod(name, parameters);
    } catch (NoSuchMethodException | LinkageError e) {
      return null;
    }
  }

  /** The installed dispatcher, or {@code null} without an agent. */
  static Object dispatcher() {
    if (DISPATCHER == null) {
      return null;
    }
    try {
      return DISPATCHER.invoke(null);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }

  private static Method dispatcherMethod() {
    try {
      return Class.forName(BRIDGE, false, null).getMethod("dispatcher");
    } catch (ReflectiveOperationException | LinkageError absent) {
      return null;
    }
  }
}
