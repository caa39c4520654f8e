package dev.tether.instrumentation.tools;

import dev.tether.bootstrap.TetherBridge;
import net.bytebuddy.asm.Advice;

/** Opens a turn scope for the method's duration. */
public final class TurnAdvice {

  private TurnAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(
      @Advice.Origin Class<?> type,
      @Advice.Origin("#m") String method,
      @Advice.Origin("#d") String descriptor) {
    return TetherBridge.dispatcher().enterTurn(type, method, descriptor);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
    if (scope != null) {
      TetherBridge.dispatcher().exitTurn(scope, thrown);
    }
  }
}
