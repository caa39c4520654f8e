package dev.tether.agent.internal.task;

import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Revocation;

/**
 * One task this JVM runs: its task token, redeemed once from the grant. Turns and tool calls
 * derive from it; when the runtime hands over the next task's grant, this session ends and
 * everything derived from it is refused from then on. So is everything of the task, or of one
 * tool of it, once the agent learns that the orchestrator revoked it.
 */
public final class TaskSession {

  private final String grantText;
  private final LayeredToken taskToken;
  private final SpanHandle span;
  private volatile Binding binding;
  /** The binding's {@code freshUntil}, read before every use: a long, not two objects away. */
  private volatile long bindingFreshUntilMillis;
  private volatile boolean ended;
  private volatile KnownRevocations revocations = KnownRevocations.NONE;
  private final Object revocationLock = new Object();

  TaskSession(String grantText, LayeredToken taskToken, SpanHandle span, Binding binding) {
    this.grantText = grantText;
    this.taskToken = taskToken;
    this.span = span;
    renewed(binding);
  }

  /** The Vault's binding of this task's key to the workload's attestation, as last renewed. */
  public Binding binding() {
    return binding;
  }

  void renewed(Binding renewed) {
    bindingFreshUntilMillis =
        renewed == null ? Long.MIN_VALUE : renewed.freshUntil().toEpochMilli();
    binding = renewed;
  }

  /**
   * Whether the binding is still fresh at {@code epochMillis} with {@code marginMillis} to spare:
   * the Vault refuses exchanges once it is not.
   */
  public boolean bindingFreshAt(long epochMillis, long marginMillis) {
    return epochMillis + marginMillis < bindingFreshUntilMillis;
  }

  /**
   * Why the tokens and credentials of {@code tool} ({@code null}: of the task) may not be used:
   * the task, or the tool, is revoked; {@code null} when they may. One volatile read while
   * nothing is revoked: it runs before every use.
   */
  public String revocationProblem(String tool) {
    KnownRevocations known = revocations;
    if (known == KnownRevocations.NONE) {
      return null;
    }
    Revocation revocation = known.against(tool);
    return revocation == null ? null : describe(revocation);
  }

  boolean taskIdIs(String taskId) {
    return taskToken.grant().taskId().equals(taskId);
  }

  /** Whether the whole task is known to be revoked: nothing of it will be served again. */
  public boolean fullyRevoked() {
    return revocations.wholeTask();
  }

  /**
   * Records a revocation of this task or of one of its tools.
   *
   * @return whether it was news: {@code false} when the task (or that tool) was known to be
   *     revoked already
   */
  boolean revoked(Revocation revocation) {
    // A lock of its own: renewals hold the session's monitor while they wait for the Vault.
    synchronized (revocationLock) {
      KnownRevocations known = revocations;
      if (known.knows(revocation)) {
        return false;
      }
      revocations = known.with(revocation);
      return true;
    }
  }

  /** E.g. {@code task t-1 was revoked at … (revocation rv-…): reason}, as the Vault says it. */
  static String describe(Revocation revocation) {
    return (revocation.wholeTask() ? "task " : "tool '" + revocation.tool() + "' of task ")
        + revocation.taskId() + " was revoked at " + revocation.revokedAt() + " (revocation "
        + revocation.id() + "): " + revocation.reason();
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
