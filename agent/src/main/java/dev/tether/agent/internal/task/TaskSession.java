package dev.tether.agent.internal.task;

import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.LayeredToken;

/**
 * One task this JVM runs: its task token, redeemed once from the grant. Turns and tool calls
 * derive from it; when the runtime hands over the next task's grant, this session ends and
 * everything derived from it is refused from then on.
 */
public final class TaskSession {

  private final String grantText;
  private final LayeredToken taskToken;
  private final SpanHandle span;
  private volatile boolean ended;

  TaskSession(String grantText, LayeredToken taskToken, SpanHandle span) {
    this.grantText = grantText;
    this.taskToken = taskToken;
    this.span = span;
  }

  boolean isFor(String grant) {
    return grantText.equals(grant);
  }

  public LayeredToken token() {
    return taskToken;
  }

  public EffectiveScope scope() {
    return taskToken.effectiveScope();
  }

  /** The task's derivation span, parent of its turns' spans. */
  public SpanHandle span() {
    return span;
  }

  public boolean isActive() {
    return !ended;
  }

  void end() {
    ended = true;
  }

  @Override
  public String toString() {
    return "TaskSession[" + taskToken.last().id() + (ended ? ", ended" : "") + "]";
  }
}
