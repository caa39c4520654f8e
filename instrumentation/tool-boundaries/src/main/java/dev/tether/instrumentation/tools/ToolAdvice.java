package dev.tether.instrumentation.tools;

import dev.tether.bootstrap.TetherBridge;
import net.bytebuddy.asm.Advice;

/** Opens a tool-call scope for the method's duration. */
public final class ToolAdvice {

  private ToolAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(
      @Advice.Origin Class<?> type,
      @Advice.Origin("#m") String method,
      @Advice.Origin("#d") String descriptor) {
    return TetherBridge.dispatcher().enterTool(type, method, descriptor);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
    if (scope != null) {
      TetherBridge.dispatcher().exitTool(scope, thrown);
    }
  }
}
