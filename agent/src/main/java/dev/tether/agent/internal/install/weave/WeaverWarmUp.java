package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodMatcher;
import dev.tether.instrumentation.api.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Weaves one small class of Tether's own with every kind of advice and throws the result away,
 * so that the weaver's classes are loaded on the start-up thread rather than by the first hooked
 * class the application loads. The woven class is never defined.
 */
public final class WeaverWarmUp {

  private static final String CONTEXT = "dev/tether/bootstrap/ToolContext";
  private static final String TOOLS = "dev/tether/bootstrap/ToolHooks";
  private static final String AWS = "dev/tether/bootstrap/AwsSdkHooks";

  static final List<MethodHook> HOOKS =
      List.of(
          new MethodHook(
              MethodMatcher.named("wrap"),
              new Advice.WrapArgument(
                  0, BridgeMethod.of(CONTEXT, "wrap", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;"))),
          new MethodHook(
              MethodMatcher.named("filter"),
              new Advice.FilterReturn(
                  BridgeMethod.of(AWS, "prependInterceptor", "(Ljava/util/List;Ljava/lang/Class;)Ljava/util/List;"),
                  List.of(Origin.DECLARING_CLASS))),
          new MethodHook(
              MethodMatcher.named("scope"),
              new Advice.Scope(
                  BridgeMethod.of(
                      TOOLS,
                      "enterTool",
                      "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;"),
                  List.of(Origin.DECLARING_CLASS, Origin.METHOD_NAME, Origin.METHOD_DESCRIPTOR),
                  BridgeMethod.of(TOOLS, "exitTool", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"),
                  null)),
          new MethodHook(
              MethodMatcher.named("deferred"),
              new Advice.DeferredScope(
                  BridgeMethod.of(
                      TOOLS,
                      "enterDispatchedTool",
                      "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;"),
                  List.of(Origin.FIRST_ARGUMENT, Origin.DECLARING_TYPE_NAME),
                  BridgeMethod.of(
                      TOOLS,
                      "exitDispatchedToolReturning",
                      "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
                  BridgeMethod.of(
                      TOOLS, "exitDispatchedTool", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"))));

  private WeaverWarmUp() {}

  public static void run() {
    try (InputStream in = WeaverWarmUp.class.getResourceAsStream("WeaverWarmUp$Target.class")) {
      if (in != null) {
        ClassWeaver.weave(in.readAllBytes(), HOOKS);
      }
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the first hooked class pays instead.
    }
  }

  /** One method per kind of advice, with a loop and a handler so that frames are rewritten. */
  @SuppressWarnings("unused")
  private static final class Target {
    static void wrap(Runnable task) {
      task.run();
    }

    static List<Object> filter(boolean loop) {
      while (loop) {
        loop = false;
      }
      return List.of();
    }

    static CharSequence deferred(Object request) {
      if (request == null) {
        return "none";
      }
      return String.valueOf(request);
    }

    static void scope(long wide) {
      try {
        if (wide > 0) {
          throw new IllegalStateException("wide");
        }
      } catch (IllegalStateException e) {
        wide = -1;
      }
    }
  }
}
