package dev.tether.instrumentation.concurrent;

import dev.tether.bootstrap.ToolContext;
import net.bytebuddy.asm.Advice;

/** Replaces a submitted Runnable by one that restores the submitter's tool context. */
public final class WrapRunnableAdvice {

  private WrapRunnableAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = ToolContext.wrap(task);
  }
}
