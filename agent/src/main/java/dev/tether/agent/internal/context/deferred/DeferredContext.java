package dev.tether.agent.internal.context.deferred;

import dev.tether.bootstrap.ToolContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tool context handed to the deferred result its method returned: a tool call (whose method
 * returned its work), or the turn of a tool phase (whose method returned the work of running the
 * tool calls). Attached around the work that result runs, and ended once, by the first of its
 * completion, failure or cancellation.
 */
public final class DeferredContext {

  /** How the agent ends what the context stands for. */
  public interface Ending {
    /**
     * @param deferredType the type the result was followed as (e.g. {@code reactor.core.publisher.Mono})
     * @param failure what the work failed with, or {@code null}
     * @param cancelled whether a subscriber cancelled (or disposed of) the work before its end
     */
    void ended(String deferredType, Throwable failure, boolean cancelled);
  }

  private final Object context;
  private final String subject;
  private final Ending ending;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile String type;

  /**
   * @param context the tool context to attach (the agent's {@code ToolCall} or {@code Turn})
   * @param subject what the context is, for messages, e.g. {@code tool 'reader'}
   */
  public DeferredContext(Object context, String subject, Ending ending) {
    this.context = context;
    this.subject = subject;
    this.ending = ending;
  }

  public boolean ended() {
    return ended.get();
  }

  String subject() {
    return subject;
  }

  /** Set before the result can end the context. */
  void followedAs(String deferredType) {
    this.type = deferredType;
  }

  /** Makes the context this thread's; returns what to hand to {@link ToolContext#restore}. */
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
      System.err.println("[tether] ending " + subject + " failed: " + e);
    }
  }
}
