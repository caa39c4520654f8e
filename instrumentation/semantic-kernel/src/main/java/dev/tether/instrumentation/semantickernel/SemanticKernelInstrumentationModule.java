package dev.tether.instrumentation.semantickernel;

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
 * Tool-call scopes where Semantic Kernel runs a native function: {@code
 * KernelFunctionFromMethod.invokeAsync(Kernel, KernelFunctionArguments, ContextVariableType,
 * InvocationContext)}, which every way of calling a function reaches (the chat completion
 * services' auto-invoke, {@code kernel.invokeAsync(function)}, {@code function.invokeAsync(kernel)}
 * and their blocking forms). It returns a {@code Mono} that does the work when subscribed (a
 * method that returns no {@code Mono} runs on {@code Schedulers.boundedElastic()}), so the scope is
 * a deferred one: it stays open until that {@code Mono} completes, fails or is cancelled. Matched
 * by name: Semantic Kernel is not a dependency.
 *
 * <p>The tool's name is the function's name ({@code KernelFunction.getName()}, the method's name
 * or its {@code @DefineKernelFunction(name)}), without its plugin's name.
 *
 * <p>No turn is opened per model response: in {@code OpenAIChatCompletion} (1.0.2 to 1.4.2) the
 * response's tool calls reach only a compiler-made lambda of {@code
 * internalChatMessageContentsAsync} (as its sixth argument), whose {@code Mono} also runs the next
 * rounds; no named method takes them (docs/frameworks.md, Semantic Kernel, Turns).
 */
public final class SemanticKernelInstrumentationModule implements InstrumentationModule {

  static final String FUNCTION_FROM_METHOD =
      "com/microsoft/semantickernel/semanticfunctions/KernelFunctionFromMethod";
  /** {@code Mono<FunctionResult<T>> invokeAsync(Kernel, KernelFunctionArguments, ...)}, 1.0 to 1.4. */
  static final String INVOKE_ASYNC =
      "(Lcom/microsoft/semantickernel/Kernel;"
          + "Lcom/microsoft/semantickernel/semanticfunctions/KernelFunctionArguments;"
          + "Lcom/microsoft/semantickernel/contextvariables/ContextVariableType;"
          + "Lcom/microsoft/semantickernel/orchestration/InvocationContext;)"
          + "Lreactor/core/publisher/Mono;";

  /** One function call, the function the method's receiver; open until the returned Mono ends. */
  static final Advice TOOL_CALL = ToolDispatchAdvice.deferredToolCall(Origin.THIS);

  @Override
  public String name() {
    return "semantic-kernel";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        TypeHooks.named(
            Set.of(FUNCTION_FROM_METHOD),
            List.of(
                new MethodHook(
                    withCode().and(named("invokeAsync")).and(descriptorStartsWith(INVOKE_ASYNC)),
                    TOOL_CALL))));
  }

  @Override
  public List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of(
        new FrameworkDispatcher(
            "Semantic Kernel",
            "com/microsoft/semantickernel/Kernel",
            FUNCTION_FROM_METHOD,
            "No Semantic Kernel function call is scoped in this release; the releases Tether"
                + " knows (1.0.2 to 1.4.2) run native functions through"
                + " KernelFunctionFromMethod.invokeAsync(Kernel, KernelFunctionArguments,"
                + " ContextVariableType, InvocationContext)."));
  }
}
