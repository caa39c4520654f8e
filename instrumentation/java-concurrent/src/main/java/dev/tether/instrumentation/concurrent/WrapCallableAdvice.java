package dev.tether.instrumentation.concurrent;

import dev.tether.bootstrap.ToolContext;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/** Replaces a submitted Callable by one that restores the submitter's tool context. */
public final class WrapCallableAdvice {

  private WrapCallableAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
    task = ToolContext.wrap(task);
  }
}
