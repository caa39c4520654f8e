package dev.tether.bootstrap;

/**
 * Called by code woven into tool and turn boundary methods. A failure inside Tether never breaks
 * the tool: the method then runs outside any tool scope, where credential use is refused.
 */
public final class ToolHooks {

  /**
   * How deep this thread is in framework dispatch hooks: one tool call passes several (LangChain4j's
   * {@code executeWithErrorHandling}, then {@code executeWithContext}, then {@code execute}, then
   * the {@code @Tool} method); only the outermost opens a scope.
   */
  private static final CallDepth DISPATCH = new CallDepth();

  /** Exit state of a dispatch hook nested in another: it opened nothing. */
  private static final Object NESTED = new Object();

  /** Exit state of an outermost dispatch hook that opened no scope (tool not configured, or failure). */
  private static final Object UNSCOPED = new Object();

  private ToolHooks() {}

  public static Object enterTool(Class<?> declaringType, String method, String descriptor) {
    if (DISPATCH.current() > 0) {
      return null; // reached through a framework's dispatcher: the call already has its scope
    }
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

  /**
   * Entry of a framework's tool dispatcher (its first argument is the tool call's request). Never
   * returns {@code null}: {@link #exitDispatchedTool} must always undo the depth count.
   */
  public static Object enterDispatchedTool(Object request, String hookedType) {
    if (DISPATCH.getAndIncrement() > 0) {
      return NESTED;
    }
    try {
      Object scope = TetherBridge.dispatcher().enterDispatchedTool(request, hookedType);
      return scope == null ? UNSCOPED : scope;
    } catch (Throwable t) {
      return UNSCOPED; // outside any tool scope, where credential use is refused
    }
  }

  public static void exitDispatchedTool(Object scope, Throwable thrown) {
    DISPATCH.decrementAndGet();
    if (scope != NESTED && scope != UNSCOPED && scope != null) {
      try {
        TetherBridge.dispatcher().exitTool(scope, thrown);
      } catch (Throwable ignored) {
        // the tool's own outcome stands
      }
    }
  }

  /** Entry of a framework's tool phase (its first argument is the list of requests). */
  public static Object enterToolBatch(Object requests, String hookedType) {
    try {
      return TetherBridge.dispatcher().enterToolBatch(requests, hookedType);
    } catch (Throwable t) {
      return null;
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
