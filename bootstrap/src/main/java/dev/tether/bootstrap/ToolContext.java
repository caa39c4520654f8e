package dev.tether.bootstrap;

/**
 * The tool call (or turn) running on this thread, as an opaque object owned by the agent.
 * Executor advice captures it at submission and restores it around the task.
 */
public final class ToolContext {

  private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

  private ToolContext() {}

  public static Object current() {
    return CURRENT.get();
  }

  /** Makes {@code context} current and returns what was current before, for {@link #restore}. */
  public static Object attach(Object context) {
    Object previous = CURRENT.get();
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
    return previous;
  }

  public static void restore(Object previous) {
    if (previous == null) {
      CURRENT.remove(); // leave no entry behind on pooled threads
    } else {
      CURRENT.set(previous);
    }
  }

  /** Wraps a task so it runs with the current context; returns the task itself when there is none. */
  public static Runnable wrap(Runnable task) {
    Object context = CURRENT.get();
    if (context == null || task == null || task instanceof ContextRunnable) {
      return task;
    }
    return new ContextRunnable(task, context);
  }

  public static <V> java.util.concurrent.Callable<V> wrap(java.util.concurrent.Callable<V> task) {
    Object context = CURRENT.get();
    if (context == null || task == null || task instanceof ContextCallable) {
      return task;
    }
    return new ContextCallable<>(task, context);
  }
}
