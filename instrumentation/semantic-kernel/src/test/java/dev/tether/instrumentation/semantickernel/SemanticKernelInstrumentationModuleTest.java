package dev.tether.instrumentation.semantickernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.FrameworkDispatcher;
import dev.tether.instrumentation.api.ModuleHooks;
import dev.tether.instrumentation.api.Origin;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which methods take the tool-call advice, for the descriptors {@code javap} shows in Semantic
 * Kernel 1.0.2, 1.1.2, 1.2.2, 1.3.0, 1.4.0, 1.4.1 and 1.4.2 (all the same).
 */
class SemanticKernelInstrumentationModuleTest {

  static final int PUBLIC = 0x0001;
  static final String FROM_METHOD = "com/microsoft/semantickernel/semanticfunctions/KernelFunctionFromMethod";
  static final String INVOKE_ASYNC =
      "(Lcom/microsoft/semantickernel/Kernel;"
          + "Lcom/microsoft/semantickernel/semanticfunctions/KernelFunctionArguments;"
          + "Lcom/microsoft/semantickernel/contextvariables/ContextVariableType;"
          + "Lcom/microsoft/semantickernel/orchestration/InvocationContext;)Lreactor/core/publisher/Mono;";

  final SemanticKernelInstrumentationModule module = new SemanticKernelInstrumentationModule();

  @Test
  void aNativeFunctionsInvokeAsyncIsADeferredScopeOnTheFunction() {
    Advice advice = adviceFor(FROM_METHOD, "invokeAsync", INVOKE_ASYNC).orElseThrow();
    assertThat(advice).isInstanceOfSatisfying(Advice.DeferredScope.class, scope -> {
      assertThat(scope.origins()).containsExactly(Origin.THIS, Origin.DECLARING_TYPE_NAME);
      assertThat(scope.enter().name()).isEqualTo("enterDispatchedTool");
      assertThat(scope.exitReturning().name()).isEqualTo("exitDispatchedToolReturning");
      assertThat(scope.exitThrown().name()).isEqualTo("exitDispatchedTool");
    });
  }

  @Test
  void otherInvocationsAndPromptFunctionsOpenNothing() {
    // invokeAsync(Kernel) builds a FunctionInvocation, which calls the hooked method when subscribed.
    assertThat(adviceFor(FROM_METHOD, "invokeAsync",
        "(Lcom/microsoft/semantickernel/Kernel;)Lcom/microsoft/semantickernel/orchestration/FunctionInvocation;"))
        .isEmpty();
    assertThat(adviceFor("com/microsoft/semantickernel/semanticfunctions/KernelFunctionFromPrompt",
        "invokeAsync", INVOKE_ASYNC)).isEmpty();
  }

  @Test
  void theDispatcherCheckedAtStartUpHasTheHook() {
    FrameworkDispatcher dispatcher = module.frameworkDispatchers().get(0);
    assertThat(dispatcher.framework()).isEqualTo("Semantic Kernel");
    assertThat(dispatcher.dispatcherType()).isEqualTo(FROM_METHOD);
    assertThat(adviceFor(dispatcher.dispatcherType(), "invokeAsync", INVOKE_ASYNC)).isPresent();
  }

  private Optional<Advice> adviceFor(String type, String name, String descriptor) {
    return ModuleHooks.adviceFor(module, type, PUBLIC, name, descriptor);
  }
}
