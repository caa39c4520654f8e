package dev.tether.instrumentation.embabel;

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
 * Tool-call and turn scopes at Embabel's own tool loop ({@code com.embabel.agent.spi.loop}),
 * which runs every tool call of an Embabel LLM interaction from 0.3.3 on. Matched by name: Embabel
 * is not a dependency. Checked with {@code javap} against 0.3.3, 0.3.4, 0.3.5 and 0.5.0.
 *
 * <ul>
 *   <li>Tool call: {@code DefaultToolLoop.executeToolCall(Tool, ToolCall)}, which both loops call
 *       for every call the model asked for ({@code ParallelToolLoop} on its executor's threads,
 *       one call per thread), named by its second argument, the model's {@code ToolCall} ({@code
 *       getName()}). The tool itself ({@code Tool.call}: an {@code @LlmTool} method, a {@code
 *       Tool.create} function, a wrapped Spring AI {@code ToolCallback}, which the Spring AI module
 *       hooks too) runs inside it on the same thread, so it opens nothing more.
 *   <li>Turn: {@code processToolCalls(List<ToolCall>, LoopState)} of {@code DefaultToolLoop} and of
 *       {@code ParallelToolLoop} (0.3.4 on), the tool phase of one model response, narrowed to the
 *       tools that response (its first argument) asked for.
 * </ul>
 *
 * <p>Releases before 0.3.3 have no tool loop of their own: Spring AI's {@code ChatClient} runs
 * their tools, as {@code ToolCallback}s, where the Spring AI module scopes them.
 */
public final class EmbabelInstrumentationModule implements InstrumentationModule {

  /** Every Embabel release has it (0.2.0 to 0.5.0). */
  static final String AGENT_PROCESS = "com/embabel/agent/core/AgentProcess";

  static final String DEFAULT_TOOL_LOOP = "com/embabel/agent/spi/loop/support/DefaultToolLoop";
  static final String PARALLEL_TOOL_LOOP = "com/embabel/agent/spi/loop/support/ParallelToolLoop";

  /**
   * {@code executeToolCall(Tool, ToolCall)}: returns {@code String} in 0.3.3 and 0.3.4 (private in
   * 0.3.3), {@code kotlin.Pair<Tool.Result, String>} from 0.3.5.
   */
  static final String EXECUTE_TOOL_CALL =
      "(Lcom/embabel/agent/api/tool/Tool;Lcom/embabel/chat/ToolCall;)";

  /** {@code boolean processToolCalls(List<ToolCall>, DefaultToolLoop.LoopState)}, 0.3.4 on. */
  static final String PROCESS_TOOL_CALLS =
      "(Ljava/util/List;Lcom/embabel/agent/spi/loop/support/DefaultToolLoop$LoopState;)Z";

  /** One tool call, named by the model's ToolCall (the method's second argument). */
  static final Advice TOOL_CALL = ToolDispatchAdvice.toolCall(Origin.SECOND_ARGUMENT);

  /** The tool phase of one model response: its list of ToolCalls (the first argument). */
  static final Advice TOOL_PHASE = ToolDispatchAdvice.toolPhase(Origin.FIRST_ARGUMENT);

  @Override
  public String name() {
    return "embabel";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    MethodHook toolPhase =
        new MethodHook(
            withCode().and(named("processToolCalls")).and(descriptorStartsWith(PROCESS_TOOL_CALLS)),
            TOOL_PHASE);
    return List.of(
        TypeHooks.named(
            Set.of(DEFAULT_TOOL_LOOP),
            List.of(
                new MethodHook(
                    withCode()
                        .and(named("executeToolCall"))
                        .and(descriptorStartsWith(EXECUTE_TOOL_CALL)),
                    TOOL_CALL),
                toolPhase)),
        // ParallelToolLoop overrides processToolCalls; a one-call response it hands to
        // DefaultToolLoop's (super), a nested phase that opens no second turn (ToolHooks).
        TypeHooks.named(Set.of(PARALLEL_TOOL_LOOP), List.of(toolPhase)));
  }

  @Override
  public List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of(
        new FrameworkDispatcher(
            "Embabel",
            AGENT_PROCESS,
            DEFAULT_TOOL_LOOP,
            "Releases before 0.3.3 run tools through Spring AI's ChatClient, where Tether's Spring"
                + " AI hooks scope each ToolCallback call; Embabel's own tool loop (0.3.3 to 0.5.0)"
                + " runs them through DefaultToolLoop.executeToolCall(Tool, ToolCall)."),
        // Checked once Embabel's own loop is present (0.3.3 on): 0.3.3's has no tool phase.
        new FrameworkDispatcher(
            "Embabel",
            DEFAULT_TOOL_LOOP,
            PARALLEL_TOOL_LOOP,
            "This release's tool loop (0.3.3) has no per-response tool phase: its tool calls are"
                + " scoped, but no turn is narrowed to the tools a model response asked for; 0.3.4"
                + " to 0.5.0 have DefaultToolLoop.processToolCalls."));
  }
}
