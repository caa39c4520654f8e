package dev.tether.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeTransformer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Carries the tool context into tasks handed to the JDK's executors. Tasks are wrapped where they
 * are submitted, so the context is the submitter's, whichever thread later runs them. Covers
 * {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool}, the
 * thread-per-task executor {@code CompletableFuture} falls back to when the common pool has one
 * thread (two-core machines), and the virtual-thread executor of JDK 21+.
 */
public final class JavaConcurrentInstrumentationModule implements InstrumentationModule {

  static final List<String> EXECUTORS =
      List.of(
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.ForkJoinPool",
          "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
          "java.util.concurrent.ThreadPerTaskExecutor");

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

    @Override
    public Set<String> typeNames() {
      return Set.of(
          EXECUTORS.stream().map(name -> name.replace('.', '/')).toArray(String[]::new));
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return ElementMatchers.namedOneOf(EXECUTORS.toArray(new String[0]));
    }

    @Override
    public void transform(TypeTransformer transformer) {
      ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> submission =
          isMethod()
              .and(
                  namedOneOf(
                      "execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"));
      transformer.applyAdviceToMethod(
          submission.and(takesArgument(0, Runnable.class)), WrapRunnableAdvice.class);
      transformer.applyAdviceToMethod(
          submission.and(takesArgument(0, Callable.class)), WrapCallableAdvice.class);
    }
  }
}
