package dev.tether.agent.internal.context.deferred;

import dev.tether.bootstrap.ToolContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tool call handed to the deferred result its method returned: attached around the work that
 * result runs, and ended once, by the first of its completion, failure or cancellation.
 */
public final class DeferredCall {

  /** How the agent ends a tool call. */
  public interface Ending {
    /**
     * @param deferredType the type the result was followed as (e.g. {@code reactor.core.publisher.Mono})
     * @param failure what the work failed with, or {@code null}
     * @param cancelled whether a subscriber cancelled (or disposed of) the work before its end
     */
    void ended(String deferredType, Throwable failure, boolean cancelled);
  }

  private final Object context;
  private final String tool;
  private final Ending ending;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile String type;

  /**
   * @param context the tool context to attach (the agent's {@code ToolCall})
   * @param tool the tool's name, for messages
   */
  public DeferredCall(Object context, String tool, Ending ending) {
    this.context = context;
    this.tool = tool;
    this.ending = ending;
  }

  public boolean ended() {
    return ended.get();
  }

  String tool() {
    return tool;
  }

  /** Set before the result can end the call. */
  void followedAs(String deferredType) {
    this.type = deferredType;
  }

  /** Makes the call this thread's tool context; returns what to hand to {@link ToolContext#restore}. */
  Object attach() {
    return ToolContext.attach(context);
  }

  void completed() {
    end(null, false);
  }

  void failed(Throwable failure) {
    end(failure, false);
  }

  void cancelled() {
    end(null, true);
  }

  private void end(Throwable failure, boolean cancelled) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      ending.ended(type, failure, cancelled);
    } catch (RuntimeException | LinkageError e) {
      // Never into the library's signal path: its subscriber would see Tether's failure.
      System.err.println("[tether] ending tool call '" + tool + "' failed: " + e);
    }
  }
}
