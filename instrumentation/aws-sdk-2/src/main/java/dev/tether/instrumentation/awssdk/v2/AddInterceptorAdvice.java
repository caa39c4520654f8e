package dev.tether.instrumentation.awssdk.v2;

import dev.tether.bootstrap.TetherBridge;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Puts Tether's interceptor first in the chain a client builder resolved. */
public final class AddInterceptorAdvice {

  private AddInterceptorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Return(readOnly = false) List<ExecutionInterceptor> interceptors) {
    Object tether =
        TetherBridge.dispatcher()
            .createAwsInterceptor(ExecutionInterceptor.class.getClassLoader());
    if (tether != null) {
      List<ExecutionInterceptor> withTether = new ArrayList<>(interceptors.size() + 1);
      withTether.add((ExecutionInterceptor) tether);
      withTether.addAll(interceptors);
      interceptors = withTether;
    }
  }
}
