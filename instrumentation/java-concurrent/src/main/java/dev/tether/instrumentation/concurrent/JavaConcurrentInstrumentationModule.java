package dev.tether.instrumentation.concurrent;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodMatcher;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeNames;
import java.util.List;
import java.util.Set;

/**
 * Carries the tool context into tasks handed to the JDK's executors. Tasks are wrapped where they
 * are submitted, so the context is the submitter's, whichever thread later runs them. Covers
 * {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool}, the
 * thread-per-task executor {@code CompletableFuture} falls back to when the common pool has one
 * thread (two-core machines), and the virtual-thread executor of JDK 21+; and jboss-threads'
 * {@code EnhancedQueueExecutor}, Quarkus's worker pool.
 */
public final class JavaConcurrentInstrumentationModule implements InstrumentationModule {

  static final List<String> EXECUTORS =
      List.of(
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.ForkJoinPool",
          "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
          "java.util.concurrent.ThreadPerTaskExecutor",
          // Quarkus's worker pool (Infrastructure.getDefaultWorkerPool(), blocking tools), which
          // implements its own queue instead of extending ThreadPoolExecutor.
          "org.jboss.threads.EnhancedQueueExecutor");

  private static final String TOOL_CONTEXT = "dev/tether/bootstrap/ToolContext";
  private static final String RUNNABLE = "Ljava/lang/Runnable;";
  private static final String CALLABLE = "Ljava/util/concurrent/Callable;";

  @Override
  public String name() {
    return "java-concurrent";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ExecutorInstrumentation());
  }

  @Override
  public List<String> retransformAtStartup() {
    return EXECUTORS;
  }

  static final class ExecutorInstrumentation implements TypeInstrumentation {

    private static final MethodMatcher SUBMISSION =
        withCode()
            .and(
                named("execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"));

    private static final List<MethodHook> HOOKS =
        List.of(
            new MethodHook(SUBMISSION.and(descriptorStartsWith("(" + RUNNABLE)), wrap(RUNNABLE)),
            new MethodHook(SUBMISSION.and(descriptorStartsWith("(" + CALLABLE)), wrap(CALLABLE)));

    @Override
    public Set<String> typeNames() {
      return TypeNames.internal(EXECUTORS);
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      return HOOKS;
    }

    /** The task, first argument, is replaced by one that carries the submitter's tool context. */
    private static Advice wrap(String taskDescriptor) {
      return new Advice.WrapArgument(
          0, BridgeMethod.of(TOOL_CONTEXT, "wrap", "(" + taskDescriptor + ")" + taskDescriptor));
    }
  }
}
