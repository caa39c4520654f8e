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

  /**
   * How deep this thread is in deferred tool-phase hooks: one tool phase may pass several (Google
   * ADK's {@code handleFunctionCalls} overloads call one another); only the outermost opens a turn.
   */
  private static final CallDepth PHASE = new CallDepth();

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
    return enterIdentifiedTool(request, request, hookedType);
  }

  /**
   * As {@link #enterDispatchedTool}, for a dispatcher whose tool call is named by one argument and
   * identified by another (Google ADK: the tool, and the {@code ToolContext} holding the model's
   * function call id).
   */
  public static Object enterIdentifiedTool(Object named, Object identified, String hookedType) {
    if (DISPATCH.getAndIncrement() > 0) {
      return NESTED;
    }
    try {
      Object scope = TetherBridge.dispatcher().enterDispatchedTool(named, identified, hookedType);
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

  /**
   * Return from a dispatch hook whose method returns its work instead of doing it (a {@code Mono},
   * an RxJava source, a {@code CompletionStage}): the counterpart of {@link #exitDispatchedTool}
   * for a normal return (a throw still goes to {@link #exitDispatchedTool}). An outermost scope is
   * handed to the agent, which may keep it open until that work completes, fails or is cancelled
   * and returns the value to return instead, of a type the method can return; a nested or unscoped
   * hit returns {@code result} as it is. If the agent fails, {@code result} is returned and the
   * scope is closed now (fail closed): work it runs later meets the closed call, never one left
   * open.
   */
  public static Object exitDispatchedToolReturning(Object scope, Object result) {
    DISPATCH.decrementAndGet();
    if (scope == NESTED || scope == UNSCOPED || scope == null) {
      return result;
    }
    TetherDispatcher dispatcher = TetherBridge.dispatcher();
    try {
      return dispatcher.exitToolDeferred(scope, result);
    } catch (Throwable t) {
      try {
        dispatcher.exitTool(scope, null); // closes it, if the agent had not already
      } catch (Throwable ignored) {
        // nothing more to be done: the tool's own outcome stands
      }
      return result;
    }
  }

  /**
   * Entry of a framework's tool phase ({@code requests}: the list of requests, or a response
   * holding them), whether its method does the work or returns it (Google ADK's {@code
   * Functions.handleFunctionCalls}, a lazy {@code Maybe}). A phase method reached inside another on
   * the same thread (Embabel's parallel loop handing a one-call response to its sequential parent,
   * ADK's overloads calling one another) is the same model response: only the outermost opens a
   * turn. Never returns {@code null}: {@link #exitToolBatch} or {@link
   * #exitDeferredToolBatchReturning} must always undo the depth count.
   */
  public static Object enterToolBatch(Object requests, String hookedType) {
    if (PHASE.getAndIncrement() > 0) {
      return NESTED;
    }
    try {
      Object scope = TetherBridge.dispatcher().enterToolBatch(requests, hookedType);
      return scope == null ? UNSCOPED : scope;
    } catch (Throwable t) {
      return UNSCOPED; // the tool calls then run in the enclosing turn, or the task
    }
  }

  /** Exit of a tool phase (or a throw out of a deferred one): its turn ends now. */
  public static void exitToolBatch(Object scope, Throwable thrown) {
    PHASE.decrementAndGet();
    if (scope != NESTED && scope != UNSCOPED && scope != null) {
      exitTurn(scope, thrown);
    }
  }

  /**
   * A deferred tool phase's method returned {@code result}: the counterpart of {@link
   * #exitDispatchedToolReturning} for a turn. An outermost turn is handed to the agent, which keeps
   * it attached around the result's subscriptions until its work completes, fails or is cancelled,
   * and returns the value to return instead; a nested or unscoped hit returns {@code result} as it
   * is. If the agent fails, {@code result} is returned and the turn is closed now.
   */
  public static Object exitDeferredToolBatchReturning(Object scope, Object result) {
    PHASE.decrementAndGet();
    if (scope == NESTED || scope == UNSCOPED || scope == null) {
      return result;
    }
    TetherDispatcher dispatcher = TetherBridge.dispatcher();
    try {
      return dispatcher.exitTurnDeferred(scope, result);
    } catch (Throwable t) {
      try {
        dispatcher.exitTurn(scope, null); // closes it, if the agent had not already
      } catch (Throwable ignored) {
        // nothing more to be done: the tool phase's own outcome stands
      }
      return result;
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

  // MCP Java SDK tool handlers (instrumentation/mcp) -----------------------------------------

  /**
   * Woven into the constructors of the MCP Java SDK's tool specifications: {@code handler}, a
   * {@code java.util.function.BiFunction} (usually a lambda, whose class cannot be woven), wrapped
   * so that each call is a dispatched tool call named by {@code tool} (read through its {@code
   * name()}), kept open over the work the handler returns. Returned as it is: anything that is not
   * a {@code BiFunction}, a handler wrapped already (a specification built from another's
   * handler), and the SDK's {@code StructuredOutputCallToolHandler}, which only decorates the
   * handler of a specification built before (wrapped there) and which the SDK recognises by class.
   */
  public static Object wrapToolHandler(Object handler, Object tool, String hookedType) {
    if (!(handler instanceof java.util.function.BiFunction)
        || handler instanceof ScopedToolHandler
        || handler.getClass().getName().endsWith("$StructuredOutputCallToolHandler")) {
      return handler;
    }
    @SuppressWarnings("unchecked")
    java.util.function.BiFunction<Object, Object, Object> delegate =
        (java.util.function.BiFunction<Object, Object, Object>) handler;
    return new ScopedToolHandler(delegate, tool, hookedType);
  }

  /** A tool handler whose every call is a dispatched tool call (see {@link #wrapToolHandler}). */
  static final class ScopedToolHandler
      implements java.util.function.BiFunction<Object, Object, Object> {

    private final java.util.function.BiFunction<Object, Object, Object> delegate;
    private final Object tool;
    private final String hookedType;

    ScopedToolHandler(
        java.util.function.BiFunction<Object, Object, Object> delegate,
        Object tool,
        String hookedType) {
      this.delegate = delegate;
      this.tool = tool;
      this.hookedType = hookedType;
    }

    @Override
    public Object apply(Object exchange, Object request) {
      Object scope = enterDispatchedTool(tool, hookedType);
      Object result;
      try {
        result = delegate.apply(exchange, request);
      } catch (Throwable t) {
        exitDispatchedTool(scope, t);
        throw t;
      }
      return exitDispatchedToolReturning(scope, result);
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }
}
