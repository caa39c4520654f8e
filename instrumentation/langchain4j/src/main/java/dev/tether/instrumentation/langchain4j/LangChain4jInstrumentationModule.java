package dev.tether.instrumentation.langchain4j;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
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
 * Tool-call and turn scopes at LangChain4j's tool dispatcher, so that tools built in code (a
 * {@code ToolSpecification} with a {@code ToolExecutor} lambda) are scoped like {@code @Tool}
 * methods, under the name the model asked for. Matched by name: LangChain4j is not a dependency.
 *
 * <ul>
 *   <li>Tool call: {@code ToolService.executeWithErrorHandling(ToolExecutionRequest, ToolExecutor,
 *       ...)} (1.x releases that have it, sequential, concurrent and streaming paths alike), and
 *       every {@code ToolExecutor.execute(ToolExecutionRequest, Object)} / {@code
 *       executeWithContext(ToolExecutionRequest, ...)} with code (1.0, and code that calls an
 *       executor itself). They nest; {@code ToolHooks} lets only the outermost open a scope.
 *   <li>Turn: {@code ToolService.execute(List<ToolExecutionRequest>, ...)}, the tool phase of one
 *       model response, narrowed to the tools that response asked for.
 * </ul>
 */
public final class LangChain4jInstrumentationModule implements InstrumentationModule {

  static final String TOOL_SERVICE = "dev/langchain4j/service/tool/ToolService";
  static final String REQUEST = "Ldev/langchain4j/agent/tool/ToolExecutionRequest;";
  static final String EXECUTE = "(" + REQUEST + "Ljava/lang/Object;)Ljava/lang/String;";
  static final String EXECUTE_WITH_CONTEXT =
      "(" + REQUEST
          + "Ldev/langchain4j/invocation/InvocationContext;)Ldev/langchain4j/service/tool/ToolExecutionResult;";

  /** One tool call, its request the method's first argument. */
  static final Advice TOOL_CALL = ToolDispatchAdvice.toolCall(Origin.FIRST_ARGUMENT);

  /** One model response's tool phase, its requests (a List) the method's first argument. */
  static final Advice TOOL_PHASE = ToolDispatchAdvice.toolPhase(Origin.FIRST_ARGUMENT);

  @Override
  public String name() {
    return "langchain4j";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        // The dispatcher itself: the tool phase and the per-call error-handling wrapper.
        TypeHooks.named(
            Set.of(TOOL_SERVICE),
            List.of(
                new MethodHook(
                    withCode()
                        .and(named("executeWithErrorHandling"))
                        .and(descriptorStartsWith("(" + REQUEST)),
                    TOOL_CALL),
                new MethodHook(
                    withCode().and(named("execute")).and(descriptorStartsWith("(Ljava/util/List;")),
                    TOOL_PHASE))),
        // Every ToolExecutor implementation with code, the interface's default executeWithContext
        // included (which is how a lambda executor is reached: a lambda's own class is hidden and
        // never woven). A class declaring one of these methods holds its descriptor in its
        // constant pool, which makes it a candidate.
        TypeHooks.marked(
            Set.of(EXECUTE, EXECUTE_WITH_CONTEXT),
            List.of(
                new MethodHook(
                    withCode().and(named("execute")).and(descriptorStartsWith(EXECUTE)), TOOL_CALL),
                new MethodHook(
                    withCode()
                        .and(named("executeWithContext"))
                        .and(descriptorStartsWith("(" + REQUEST)),
                    TOOL_CALL))));
  }

  /** Releases before 1.14 (1.0.0 among them) run tools from an inline loop, not through these. */
  @Override
  public List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of(
        new FrameworkDispatcher(
            "LangChain4j",
            "dev/langchain4j/service/AiServices",
            TOOL_SERVICE,
            "Tool calls are scoped only where a ToolExecutor class runs them (not executors"
                + " written as lambdas), and no turn is narrowed to the tools a model response"
                + " asked for; LangChain4j 1.14 or later has the dispatcher."));
  }
}
