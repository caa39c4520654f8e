package dev.tether.instrumentation.googleadk;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.returns;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.FrameworkDispatcher;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.ToolDispatchAdvice;
import dev.tether.instrumentation.api.TypeHooks;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.Set;

/**
 * Tool-call scopes at Google ADK's tool dispatch: {@code BaseTool.runAsync(Map, ToolContext)},
 * which ADK's {@code Functions} calls for every function call a model response asks for. It
 * returns an RxJava {@code Single} whose work runs when ADK subscribes to it (the tool's method
 * itself, for a {@code FunctionTool}, runs inside {@code runAsync} unless it returns a {@code
 * Single} or {@code Maybe} of its own), so the scope is a deferred one: it stays open until that
 * {@code Single} succeeds, fails or is disposed of. Matched by name: ADK is not a dependency.
 *
 * <p>Every implementation with code is hooked ({@code FunctionTool}, {@code AgentTool}, {@code
 * McpTool}, {@code McpAsyncTool}, tools an application writes): each class declaring the method
 * holds its descriptor in its constant pool. One that calls {@code super.runAsync} from its own
 * nests; only the outermost opens a scope. The tool's name is read from the tool ({@code
 * BaseTool.name()}, the name the model asked for), the call id from the {@code ToolContext} ({@code
 * functionCallId()}, the id of the model's function call, when the model gave one).
 *
 * <p>The turn of one model response is opened at ADK's tool phase, {@code
 * Functions.handleFunctionCalls(InvocationContext, Event, Map[, Map])} (and {@code
 * handleFunctionCallsLive}, the live flow's), narrowed to the function calls of the {@code Event}
 * (the model response) it is given. It returns a lazy {@code Maybe}: the tool calls run when ADK
 * subscribes to it, after it returned, so the turn is a deferred one, attached around that {@code
 * Maybe}'s subscriptions (where {@code runAsync} is called, so each tool call opens inside it) and
 * ended when the {@code Maybe} ends. From 0.5 the three-argument overload calls the four-argument
 * one: the outer opens the turn, the inner nothing.
 */
public final class GoogleAdkInstrumentationModule implements InstrumentationModule {

  static final String BASE_TOOL = "com/google/adk/tools/BaseTool";
  /** {@code Single<Map<String, Object>> runAsync(Map<String, Object>, ToolContext)}, 0.1 to 1.8. */
  static final String RUN_ASYNC =
      "(Ljava/util/Map;Lcom/google/adk/tools/ToolContext;)Lio/reactivex/rxjava3/core/Single;";

  /**
   * One tool call, named by the method's receiver (the tool) and identified by its {@code
   * ToolContext} (the model's function call id); open until the returned Single ends.
   */
  static final Advice TOOL_CALL =
      ToolDispatchAdvice.deferredToolCall(Origin.THIS, Origin.SECOND_ARGUMENT);

  static final List<MethodHook> HOOKS =
      List.of(
          new MethodHook(
              withCode().and(named("runAsync")).and(descriptorStartsWith(RUN_ASYNC)), TOOL_CALL));

  static final String FUNCTIONS = "com/google/adk/flows/llmflows/Functions";
  /**
   * {@code static Maybe<Event> handleFunctionCalls(InvocationContext, Event, Map<String, BaseTool>)},
   * 0.1 to 1.8, and from 0.5 an overload with a fourth argument (tool confirmations); the same for
   * {@code handleFunctionCallsLive} from 0.3.
   */
  static final String TOOL_PHASE_ARGUMENTS =
      "(Lcom/google/adk/agents/InvocationContext;Lcom/google/adk/events/Event;Ljava/util/Map;";

  /** One model response's tool calls: a turn narrowed to the Event's function calls. */
  static final Advice TOOL_PHASE = ToolDispatchAdvice.deferredToolPhase(Origin.SECOND_ARGUMENT);

  static final List<MethodHook> TOOL_PHASE_HOOKS =
      List.of(
          new MethodHook(
              withCode()
                  .and(named("handleFunctionCalls", "handleFunctionCallsLive"))
                  .and(descriptorStartsWith(TOOL_PHASE_ARGUMENTS))
                  .and(returns("Lio/reactivex/rxjava3/core/Maybe;")),
              TOOL_PHASE));

  @Override
  public String name() {
    return "google-adk";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        // BaseTool by name too: its runAsync (which only throws) is what the start-up check of a
        // release looks for.
        TypeHooks.named(Set.of(BASE_TOOL), HOOKS),
        // Every class that declares runAsync(Map, ToolContext) with code.
        TypeHooks.marked(Set.of(RUN_ASYNC), HOOKS),
        // The tool phase of each model response.
        TypeHooks.named(Set.of(FUNCTIONS), TOOL_PHASE_HOOKS));
  }

  /**
   * A release whose {@code BaseTool} has no {@code runAsync(Map, ToolContext)} returning a {@code
   * Single} dispatches tools some other way, which Tether does not know; one whose {@code
   * Functions} has no {@code handleFunctionCalls} runs a response's calls some other way.
   */
  @Override
  public List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of(
        new FrameworkDispatcher(
            "Google ADK",
            "com/google/adk/agents/BaseAgent",
            BASE_TOOL,
            "No Google ADK tool call is scoped in this release; the releases Tether knows"
                + " (0.1.0 to 1.8.0) dispatch through BaseTool.runAsync(Map, ToolContext)."),
        new FrameworkDispatcher(
            "Google ADK",
            "com/google/adk/agents/BaseAgent",
            FUNCTIONS,
            "Tool calls are still scoped one by one, but no turn is narrowed to the tools a model"
                + " response asked for; the releases Tether knows (0.1.0 to 1.8.0) run them through"
                + " Functions.handleFunctionCalls(InvocationContext, Event, Map)."));
  }
}
