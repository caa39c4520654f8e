package dev.tether.instrumentation.embabel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.FrameworkDispatcher;
import dev.tether.instrumentation.api.ModuleHooks;
import dev.tether.instrumentation.api.Origin;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which methods take which advice, for the descriptors {@code javap} shows in Embabel 0.3.3,
 * 0.3.4, 0.3.5 and 0.5.0.
 */
class EmbabelInstrumentationModuleTest {

  static final int PUBLIC = 0x0001;
  static final int PROTECTED_FINAL = 0x0004 | 0x0010;
  static final int PRIVATE_FINAL = 0x0002 | 0x0010;
  static final String DEFAULT_LOOP = "com/embabel/agent/spi/loop/support/DefaultToolLoop";
  static final String PARALLEL_LOOP = "com/embabel/agent/spi/loop/support/ParallelToolLoop";
  /** 0.3.5 and 0.5.0; 0.3.3 (private) and 0.3.4 return a String. */
  static final String EXECUTE_TOOL_CALL =
      "(Lcom/embabel/agent/api/tool/Tool;Lcom/embabel/chat/ToolCall;)Lkotlin/Pair;";
  static final String EXECUTE_TOOL_CALL_0_3_4 =
      "(Lcom/embabel/agent/api/tool/Tool;Lcom/embabel/chat/ToolCall;)Ljava/lang/String;";
  static final String PROCESS_TOOL_CALLS =
      "(Ljava/util/List;Lcom/embabel/agent/spi/loop/support/DefaultToolLoop$LoopState;)Z";

  final EmbabelInstrumentationModule module = new EmbabelInstrumentationModule();

  @Test
  void executeToolCallIsOneToolCallNamedByTheModelsToolCall() {
    for (String descriptor : new String[] {EXECUTE_TOOL_CALL, EXECUTE_TOOL_CALL_0_3_4}) {
      for (int access : new int[] {PROTECTED_FINAL, PRIVATE_FINAL}) {
        Advice advice = adviceFor(DEFAULT_LOOP, access, "executeToolCall", descriptor).orElseThrow();
        assertThat(advice).isInstanceOfSatisfying(Advice.Scope.class, scope -> {
          assertThat(scope.origins()).containsExactly(Origin.SECOND_ARGUMENT, Origin.DECLARING_TYPE_NAME);
          assertThat(scope.enter().name()).isEqualTo("enterDispatchedTool");
          assertThat(scope.exit().name()).isEqualTo("exitDispatchedTool");
        });
      }
    }
  }

  @Test
  void processToolCallsOfBothLoopsIsATurnNarrowedToTheResponsesCalls() {
    for (String loop : new String[] {DEFAULT_LOOP, PARALLEL_LOOP}) {
      Advice advice = adviceFor(loop, 0x0004, "processToolCalls", PROCESS_TOOL_CALLS).orElseThrow();
      assertThat(advice).isInstanceOfSatisfying(Advice.Scope.class, scope -> {
        assertThat(scope.origins()).containsExactly(Origin.FIRST_ARGUMENT, Origin.DECLARING_TYPE_NAME);
        assertThat(scope.enter().name()).isEqualTo("enterToolBatch");
        assertThat(scope.exit().name()).isEqualTo("exitToolBatch");
      });
    }
  }

  @Test
  void theLoopAsAWholeAndParallelLambdasOpenNothing() {
    // execute(...) is the whole loop (many model rounds), not one round.
    assertThat(adviceFor(DEFAULT_LOOP, PUBLIC, "execute",
        "(Ljava/util/List;Ljava/util/List;Lkotlin/jvm/functions/Function1;)Lcom/embabel/agent/spi/loop/ToolLoopResult;"))
        .isEmpty();
    // ParallelToolLoop's per-call lambdas reach executeToolCall, which is hooked.
    assertThat(adviceFor(PARALLEL_LOOP, PRIVATE_FINAL, "executeSingleToolCall",
        "(Lcom/embabel/chat/ToolCall;Ljava/util/List;)Lcom/embabel/agent/spi/loop/support/ParallelToolLoop$ParallelToolResult;"))
        .isEmpty();
    assertThat(adviceFor(PARALLEL_LOOP, PROTECTED_FINAL, "executeToolCall", EXECUTE_TOOL_CALL)).isEmpty();
  }

  @Test
  void theDispatchersCheckedAtStartUpHaveTheHooks() {
    FrameworkDispatcher calls = module.frameworkDispatchers().get(0);
    assertThat(calls.framework()).isEqualTo("Embabel");
    assertThat(calls.dispatcherType()).isEqualTo(DEFAULT_LOOP);
    assertThat(adviceFor(calls.dispatcherType(), PRIVATE_FINAL, "executeToolCall", EXECUTE_TOOL_CALL_0_3_4))
        .isPresent();
    FrameworkDispatcher turns = module.frameworkDispatchers().get(1);
    // Only checked where Embabel's own loop exists: releases before 0.3.3 get one report, not two.
    assertThat(turns.markerType()).isEqualTo(DEFAULT_LOOP);
    assertThat(turns.dispatcherType()).isEqualTo(PARALLEL_LOOP);
    assertThat(adviceFor(turns.dispatcherType(), 0x0004, "processToolCalls", PROCESS_TOOL_CALLS)).isPresent();
  }

  private Optional<Advice> adviceFor(String type, int access, String name, String descriptor) {
    return ModuleHooks.adviceFor(module, type, access, name, descriptor);
  }
}
