package dev.tether.bootstrap;

/**
 * Called by code woven into tool and turn boundary methods. A failure inside Tether never breaks
 * the tool: the method then runs outside any tool scope, where credential use is refused.
 */
public final class ToolHooks {

  private ToolHooks() {}

  public static Object enterTool(Class<?> declaringType, String method, String descriptor) {
    try {
      return TetherBridge.dispatcher().enterTool(declaringType, method, descriptor);
    } catch (Throwable t) {
      return null;
    }
  }

  public static void exitTool(Object scope, Throwable thrown) {
    if (scope != null) {
      try {
        TetherBridge.dispatcher().exitTool(scope, thrown);
      } catch (Throwable ignored) {
        // the tool's own outcome stands
      }
    }
  }

  public static Object enterTurn(Class<?> declaringType, String method, String descriptor) {
    try {
      return TetherBridge.dispatcher().enterTurn(declaringType, method, descriptor);
    } catch (Throwable t) {
      return null;
    }
  }

  public static void exitTurn(Object scope, Throwable thrown) {
    if (scope != null) {
      try {
        TetherBridge.dispatcher().exitTurn(scope, thrown);
      } catch (Throwable ignored) {
        // the turn's own outcome stands
      }
    }
  }
}
