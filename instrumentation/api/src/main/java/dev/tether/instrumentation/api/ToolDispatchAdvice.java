package dev.tether.instrumentation.api;

import java.util.List;

/**
 * The advice every framework dispatcher hook weaves: calls into bootstrap's {@code ToolHooks},
 * which count nested hits so that one tool call opens one scope, whatever number of a framework's
 * dispatch methods it passes.
 */
public final class ToolDispatchAdvice {

  private static final String TOOL_HOOKS = "dev/tether/bootstrap/ToolHooks";
  private static final String ENTER = "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;";
  private static final String EXIT = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";

  private static final BridgeMethod ENTER_TOOL =
      BridgeMethod.of(TOOL_HOOKS, "enterDispatchedTool", ENTER);
  private static final BridgeMethod EXIT_TOOL =
      BridgeMethod.of(TOOL_HOOKS, "exitDispatchedTool", EXIT);
  private static final BridgeMethod ENTER_IDENTIFIED_TOOL =
      BridgeMethod.of(
          TOOL_HOOKS,
          "enterIdentifiedTool",
          "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;");
  private static final BridgeMethod ENTER_TOOL_BATCH =
      BridgeMethod.of(TOOL_HOOKS, "enterToolBatch", ENTER);
  private static final BridgeMethod EXIT_TOOL_BATCH =
      BridgeMethod.of(TOOL_HOOKS, "exitToolBatch", EXIT);
  private static final BridgeMethod EXIT_RETURNING =
      BridgeMethod.of(
          TOOL_HOOKS,
          "exitDispatchedToolReturning",
          "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");

  private ToolDispatchAdvice() {}

  /**
   * One tool call around the method, named by {@code namedBy} (an object with {@code name()},
   * {@code getToolDefinition().name()} or {@code getName()}: the request, or the tool itself).
   */
  public static Advice toolCall(Origin namedBy) {
    return new Advice.Scope(ENTER_TOOL, origins(namedBy), EXIT_TOOL, null);
  }

  /**
   * One tool call whose method returns its work (a {@code Mono}, an RxJava source, a {@code
   * CompletionStage}): the scope stays open until that work completes, fails or is cancelled.
   */
  public static Advice deferredToolCall(Origin namedBy) {
    return new Advice.DeferredScope(ENTER_TOOL, origins(namedBy), EXIT_RETURNING, EXIT_TOOL);
  }

  /**
   * As {@link #deferredToolCall(Origin)}, the call's id read from {@code identifiedBy} (an object
   * with {@code id()}, or {@code functionCallId()} returning an {@code Optional}) rather than from
   * the object that names the tool.
   */
  public static Advice deferredToolCall(Origin namedBy, Origin identifiedBy) {
    return new Advice.DeferredScope(
        ENTER_IDENTIFIED_TOOL,
        List.of(namedBy, identifiedBy, Origin.DECLARING_TYPE_NAME),
        EXIT_RETURNING,
        EXIT_TOOL);
  }

  /**
   * One model response's tool phase around the method: a turn narrowed to the tools {@code
   * requests} asks for (a list of requests, or a response holding them).
   */
  public static Advice toolPhase(Origin requests) {
    return new Advice.Scope(ENTER_TOOL_BATCH, origins(requests), EXIT_TOOL_BATCH, null);
  }

  /**
   * One model response's tool phase whose method returns its work instead of doing it (Google
   * ADK's {@code Functions.handleFunctionCalls}, a lazy {@code Maybe}): a turn narrowed to the tools
   * {@code requests} asks for (an object with {@code functionCalls()}, or as for {@link
   * #toolPhase}), opened at entry and kept attached around the returned work's subscriptions, so
   * that the tool calls it runs open inside it, until that work completes, fails or is cancelled.
   * Nested hits (overloads calling one another) open one turn.
   */
  public static Advice deferredToolPhase(Origin requests) {
    return new Advice.DeferredScope(
        ENTER_TOOL_BATCH,
        origins(requests),
        BridgeMethod.of(
            TOOL_HOOKS,
            "exitDeferredToolBatchReturning",
            "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
        EXIT_TOOL_BATCH);
  }

  private static List<Origin> origins(Origin first) {
    return List.of(first, Origin.DECLARING_TYPE_NAME);
  }
}
