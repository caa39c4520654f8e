package dev.tether.bench.jmh;

import dev.tether.bootstrap.ToolContext;
import dev.tether.bootstrap.ToolHooks;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One tool call ({@link BenchReadTool#benchRead}) around the whole trial, as WarmS3CallBench makes
 * all its timed calls inside one tool call: every measured request after the first reuses the
 * credentials the call obtained. The tool context is a ThreadLocal, and JMH runs a thread-scoped
 * state's setup and teardown on the benchmark thread that uses it.
 */
@State(Scope.Thread)
public class ToolScope {

  private Object handle;
  private Object context;

  @Setup(Level.Trial)
  public void enter(LoopbackAws aws) {
    handle =
        ToolHooks.enterTool(BenchReadTool.class, BenchReadTool.METHOD, BenchReadTool.DESCRIPTOR);
    context = ToolContext.current();
    if (handle == null || context == null) {
      throw new IllegalStateException(
          "Tether opened no tool call for "
              + BenchReadTool.class.getName()
              + "#"
              + BenchReadTool.METHOD
              + "; is the dispatcher installed?");
    }
    try {
      aws.verify();
    } catch (RuntimeException e) {
      ToolHooks.exitTool(handle, e);
      aws.close(); // JMH runs no teardown after a failed setup
      throw e;
    }
  }

  /** Guards the premise: the measured calls run on the thread that holds the tool call. */
  @Setup(Level.Iteration)
  public void checkStillInside() {
    if (ToolContext.current() != context) {
      throw new IllegalStateException(
          "this benchmark thread is not inside the trial's tool call; JMH moved the benchmark to"
              + " another thread");
    }
  }

  @TearDown(Level.Trial)
  public void exit() {
    ToolHooks.exitTool(handle, null);
  }
}
