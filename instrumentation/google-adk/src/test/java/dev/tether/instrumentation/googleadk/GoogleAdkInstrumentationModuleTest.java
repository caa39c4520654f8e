package dev.tether.instrumentation.googleadk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.FrameworkDispatcher;
import dev.tether.instrumentation.api.ModuleHooks;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which methods take the tool-call advice, for the descriptors {@code javap} shows in ADK 0.1.0,
 * 0.2.0, 0.3.0, 0.5.0, 1.0.0, 1.2.0, 1.4.0, 1.6.0 and 1.8.0 (all the same).
 */
class GoogleAdkInstrumentationModuleTest {

  static final int PUBLIC = 0x0001;
  static final int ABSTRACT = 0x0400;
  static final int FINAL = 0x0010;
  static final String CONTEXT = "Lcom/google/adk/tools/ToolContext;";
  static final String SINGLE = "Lio/reactivex/rxjava3/core/Single;";

  final GoogleAdkInstrumentationModule module = new GoogleAdkInstrumentationModule();

  @Test
  void everyRunAsyncWithCodeIsADeferredScopeOnTheTool() {
    for (String tool :
        List.of(
            "com/google/adk/tools/BaseTool",
            "com/google/adk/tools/FunctionTool",
            "com/google/adk/tools/AgentTool",
            "com/google/adk/tools/mcp/McpTool",
            "com/example/ApplicationTool")) {
      Advice advice =
          adviceFor(tool, PUBLIC, "runAsync", "(Ljava/util/Map;" + CONTEXT + ")" + SINGLE).orElseThrow();
      assertThat(advice).isInstanceOfSatisfying(Advice.DeferredScope.class, scope -> {
        assertThat(scope.origins())
            .containsExactly(Origin.THIS, Origin.SECOND_ARGUMENT, Origin.DECLARING_TYPE_NAME);
        assertThat(scope.enter().name()).isEqualTo("enterIdentifiedTool");
        assertThat(scope.exitReturning().name()).isEqualTo("exitDispatchedToolReturning");
        assertThat(scope.exitReturning().descriptor())
            .isEqualTo("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
        assertThat(scope.exitThrown().name()).isEqualTo("exitDispatchedTool");
      });
    }
  }

  static final int STATIC = 0x0008;
  static final int PRIVATE = 0x0002;
  static final int SYNTHETIC = 0x1000;
  static final String FUNCTIONS = "com/google/adk/flows/llmflows/Functions";
  static final String PHASE_ARGUMENTS =
      "(Lcom/google/adk/agents/InvocationContext;Lcom/google/adk/events/Event;Ljava/util/Map;";
  static final String MAYBE = "Lio/reactivex/rxjava3/core/Maybe;";

  @Test
  void theToolPhaseOfEachModelResponseIsADeferredTurnOnItsEvent() {
    for (String descriptor :
        List.of(
            PHASE_ARGUMENTS + ")" + MAYBE, // 0.1.0 - 1.8.0
            PHASE_ARGUMENTS + "Ljava/util/Map;)" + MAYBE)) { // 0.5.0 - 1.8.0: tool confirmations
      for (String name : List.of("handleFunctionCalls", "handleFunctionCallsLive")) {
        Advice advice = adviceFor(FUNCTIONS, PUBLIC | STATIC, name, descriptor).orElseThrow();
        assertThat(advice).isInstanceOfSatisfying(Advice.DeferredScope.class, scope -> {
          assertThat(scope.origins())
              .containsExactly(Origin.SECOND_ARGUMENT, Origin.DECLARING_TYPE_NAME);
          assertThat(scope.enter().name()).isEqualTo("enterToolBatch");
          assertThat(scope.exitReturning().name()).isEqualTo("exitDeferredToolBatchReturning");
          assertThat(scope.exitReturning().descriptor())
              .isEqualTo("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
          assertThat(scope.exitThrown().name()).isEqualTo("exitToolBatch");
        });
      }
    }
  }

  @Test
  void theToolPhasesHelpersOpenNothing() {
    assertThat(
            adviceFor(
                FUNCTIONS,
                PRIVATE | STATIC | SYNTHETIC,
                "lambda$handleFunctionCalls$3",
                "(Lio/opentelemetry/context/Context;Ljava/util/List;)Lio/reactivex/rxjava3/core/MaybeSource;"))
        .isEmpty();
    assertThat(
            adviceFor(
                FUNCTIONS,
                PRIVATE | STATIC,
                "buildToolExecutionObservable",
                "(Lcom/google/adk/agents/InvocationContext;Ljava/util/List;"
                    + "Lio/reactivex/rxjava3/functions/Function;)Lio/reactivex/rxjava3/core/Observable;"))
        .isEmpty();
  }

  @Test
  void convenienceOverloadsAndDeclarationsOpenNothing() {
    String baseTool = "com/google/adk/tools/BaseTool";
    // 1.x: runAsync(T args, ToolContext) converts its arguments, then calls runAsync(Map, ...).
    assertThat(adviceFor(baseTool, PUBLIC | FINAL, "runAsync", "(Ljava/lang/Object;" + CONTEXT + ")" + SINGLE))
        .isEmpty();
    assertThat(adviceFor(baseTool, PUBLIC | ABSTRACT, "runAsync", "(Ljava/util/Map;" + CONTEXT + ")" + SINGLE))
        .isEmpty();
    assertThat(adviceFor(baseTool, PUBLIC, "name", "()Ljava/lang/String;")).isEmpty();
  }

  @Test
  void implementationsAreFoundByTheDescriptorInTheirConstantPool() {
    TypeInstrumentation byPool =
        module.typeInstrumentations().stream().filter(t -> t.typeNames().isEmpty()).findFirst().orElseThrow();
    assertThat(byPool.constantPoolMarkers()).containsExactly("(Ljava/util/Map;" + CONTEXT + ")" + SINGLE);
  }

  @Test
  void theDispatcherCheckedAtStartUpHasTheHook() {
    FrameworkDispatcher dispatcher = module.frameworkDispatchers().get(0);
    assertThat(dispatcher.framework()).isEqualTo("Google ADK");
    // DispatcherCoverage looks for the hooks of the instrumentations that name the dispatcher.
    assertThat(module.typeInstrumentations())
        .anySatisfy(type -> assertThat(type.typeNames()).contains(dispatcher.dispatcherType()));
  }

  @Test
  void theToolPhaseIsCheckedAtStartUpToo() {
    FrameworkDispatcher phase = module.frameworkDispatchers().get(1);
    assertThat(phase.dispatcherType()).isEqualTo(FUNCTIONS);
    assertThat(phase.markerType()).isEqualTo(module.frameworkDispatchers().get(0).markerType());
    assertThat(module.typeInstrumentations())
        .anySatisfy(type -> assertThat(type.typeNames()).contains(FUNCTIONS));
  }

  private Optional<Advice> adviceFor(String type, int access, String name, String descriptor) {
    return ModuleHooks.adviceFor(module, type, access, name, descriptor);
  }
}
