package dev.tether.agent.internal.context.deferred;

import dev.tether.bootstrap.ToolContext;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import reactor.core.scheduler.Schedulers;

/**
 * Stands in, in tests, for Tether's executor hooks (instrumentation/java-concurrent), which are
 * woven only under {@code -javaagent}: Reactor's and RxJava's schedulers wrap each task where it is
 * submitted with the submitter's tool context, as the hooked {@code ScheduledThreadPoolExecutor}
 * does. So a test sees a tool call on a scheduler's thread only if the submission happened while
 * the call was attached.
 */
final class ExecutorHooks {

  private static final String KEY = "tether-executor-hooks";

  private ExecutorHooks() {}

  static void install() {
    Schedulers.onScheduleHook(KEY, ToolContext::wrap);
    RxJavaPlugins.setScheduleHandler(ToolContext::wrap);
  }

  static void remove() {
    Schedulers.resetOnScheduleHook(KEY);
    RxJavaPlugins.setScheduleHandler(null);
  }
}
