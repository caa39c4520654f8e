package dev.tether.instrumentation.springai;

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
import dev.tether.instrumentation.api.TypeNames;
import java.util.List;
import java.util.Set;

/**
 * Tool-call and turn scopes at Spring AI's tool dispatcher, so that every {@code ToolCallback}
 * ({@code @Tool} methods, {@code FunctionToolCallback}s, MCP tools, application callbacks) is
 * scoped under the name the model asked for. Matched by name: Spring AI is not a dependency.
 * Checked with {@code javap} against 1.0.0, 1.0.4, 1.1.0, 1.1.8 and 2.0.1.
 *
 * <ul>
 *   <li>Tool call: {@code ToolCallback.call(String, ToolContext)} of every class that declares it
 *       with code, the interface's default method included (which is how a callback that only
 *       implements {@code call(String)} is reached from {@code DefaultToolCallingManager}), and
 *       {@code call(String)} of Spring AI's own callbacks. One call passes several of these
 *       (then the {@code @Tool} method, itself hooked); {@code ToolHooks} lets only the outermost
 *       open a scope. The tool's name is read through the callback's {@code getToolDefinition()}.
 *   <li>Turn: the tool phase of one model response, {@code DefaultToolCallingManager
 *       .executeToolCalls(Prompt, ChatResponse)}, narrowed to the tools that response (its second
 *       argument) asked for.
 * </ul>
 */
public final class SpringAiInstrumentationModule implements InstrumentationModule {

  static final String TOOL_CALLBACK = "org/springframework/ai/tool/ToolCallback";
  static final String CALL = "(Ljava/lang/String;)Ljava/lang/String;";
  static final String CALL_WITH_CONTEXT =
      "(Ljava/lang/String;Lorg/springframework/ai/chat/model/ToolContext;)Ljava/lang/String;";

  /** Spring AI's own callbacks (those a release lacks are never loaded, so never matched). */
  static final List<String> SPRING_AI_CALLBACKS =
      List.of(
          "org.springframework.ai.tool.ToolCallback",
          "org.springframework.ai.tool.method.MethodToolCallback",
          "org.springframework.ai.tool.function.FunctionToolCallback",
          "org.springframework.ai.tool.augment.AugmentedToolCallback",
          "org.springframework.ai.mcp.SyncMcpToolCallback",
          "org.springframework.ai.mcp.AsyncMcpToolCallback");

  static final String TOOL_CALLING_MANAGER =
      "org/springframework/ai/model/tool/DefaultToolCallingManager";
  static final String EXECUTE_TOOL_CALLS =
      "(Lorg/springframework/ai/chat/prompt/Prompt;Lorg/springframework/ai/chat/model/ChatResponse;)"
          + "Lorg/springframework/ai/model/tool/ToolExecutionResult;";

  /** One tool call: the callback itself names the tool. */
  static final Advice TOOL_CALL = ToolDispatchAdvice.toolCall(Origin.THIS);

  /** The tool phase of one model response, the method's second argument. */
  static final Advice TOOL_PHASE = ToolDispatchAdvice.toolPhase(Origin.SECOND_ARGUMENT);

  @Override
  public String name() {
    return "spring-ai";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    MethodHook callWithContext =
        new MethodHook(
            withCode().and(named("call")).and(descriptorStartsWith(CALL_WITH_CONTEXT)), TOOL_CALL);
    return List.of(
        // call(String) and call(String, ToolContext) of Spring AI's own callbacks.
        TypeHooks.named(
            TypeNames.internal(SPRING_AI_CALLBACKS),
            List.of(
                new MethodHook(
                    withCode().and(named("call")).and(descriptorStartsWith(CALL)), TOOL_CALL),
                callWithContext)),
        // call(String, ToolContext) of every class that declares it with code: application and
        // third-party callbacks. Their call(String) is not matched: (String)String is too common
        // a signature to hook by name in every class that merely calls a callback, and the
        // dispatcher calls call(String, ToolContext), whose default reaches call(String).
        TypeHooks.marked(Set.of(CALL_WITH_CONTEXT), List.of(callWithContext)),
        // One model response's tool phase.
        TypeHooks.named(
            Set.of(TOOL_CALLING_MANAGER),
            List.of(
                new MethodHook(
                    withCode()
                        .and(named("executeToolCalls"))
                        .and(descriptorStartsWith(EXECUTE_TOOL_CALLS)),
                    TOOL_PHASE))));
  }

  @Override
  public List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of(
        new FrameworkDispatcher(
            "Spring AI",
            TOOL_CALLBACK,
            TOOL_CALLBACK,
            "Tool calls are scoped only where their @Tool method runs (tools built in code and"
                + " MCP tools are not); Spring AI 1.0 to 2.0 have ToolCallback.call(String,"
                + " ToolContext)."),
        new FrameworkDispatcher(
            "Spring AI",
            TOOL_CALLBACK,
            TOOL_CALLING_MANAGER,
            "Tool calls are still scoped, but no turn is narrowed to the tools a model response"
                + " asked for."));
  }
}
