package dev.tether.agent.internal.task;

import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.Binding;

/**
 * One task this JVM runs: its task token, redeemed once from the grant. Turns and tool calls
 * derive from it; when the runtime hands over the next task's grant, this session ends and
 * everything derived from it is refused from then on.
 */
public final class TaskSession {

  private final String grantText;
  private final LayeredToken taskToken;
  private final SpanHandle span;
  private volatile Binding binding;
  private volatile boolean ended;

  TaskSession(String grantText, LayeredToken taskToken, SpanHandle span, Binding binding) {
    this.grantText = grantText;
    this.taskToken = taskToken;
    this.span = span;
    this.binding = binding;
  }

  /** The Vault's binding of this task's key to the workload's attestation, as last renewed. */
  public Binding binding() {
    return binding;
  }

  void renewed(Binding renewed) {
    binding = renewed;
  }

  /**
   * Whether the binding is still fresh at {@code epochMillis} with {@code marginMillis} to spare:
   * the Vault refuses exchanges once it is not.
   */
  public boolean bindingFreshAt(long epochMillis, long marginMillis) {
    Binding b = binding;
    return b != null && epochMillis + marginMillis < b.freshUntil().toEpochMilli();
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
