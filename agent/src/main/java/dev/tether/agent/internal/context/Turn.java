package dev.tether.agent.internal.context;

import dev.tether.agent.internal.task.TaskSession;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.core.token.LayeredToken;

/**
 * One model round and its tool phase, carried as the tool context between tool calls. It holds the
 * turn token (the task narrowed to this turn's tools and repositories), or why there is none.
 */
public final class Turn {

  private final String id;
  private final int number;
  private final TaskSession session;
  private final SpanHandle span;
  private volatile LayeredToken token;
  private final String refusal;

  Turn(String id, int number, TaskSession session, LayeredToken token, String refusal,
      SpanHandle span) {
    this.id = id;
    this.number = number;
    this.session = session;
    this.token = token;
    this.refusal = refusal;
    this.span = span;
  }

  /** The turn token's id, or a local id when no token could be derived. */
  public String id() {
    return id;
  }

  public int number() {
    return number;
  }

  /** {@code null} when the task could not be started. */
  public TaskSession session() {
    return session;
  }

  /** {@code null} when {@link #refusal()} says why. */
  public LayeredToken token() {
    return token;
  }

  void narrowTo(LayeredToken narrower) {
    token = narrower;
  }

  /** Why this turn has no token; {@code null} when it has one. */
  public String refusal() {
    return refusal;
  }

  public SpanHandle span() {
    return span;
  }
}
