package dev.tether.agent.internal.task;

import dev.tether.core.wire.Revocation;
import java.util.HashMap;
import java.util.Map;

/**
 * What this JVM knows to be revoked of one task: the whole task, or some of its tools. Immutable,
 * replaced whole when something is learnt, so that every use reads it without a lock.
 */
final class KnownRevocations {

  static final KnownRevocations NONE = new KnownRevocations(null, Map.of());

  private final Revocation task;
  private final Map<String, Revocation> tools;

  private KnownRevocations(Revocation task, Map<String, Revocation> tools) {
    this.task = task;
    this.tools = tools;
  }

  /** The revocation that covers {@code tool} ({@code null}: the task only), or {@code null}. */
  Revocation against(String tool) {
    if (task != null || tool == null) {
      return task;
    }
    return tools.get(tool);
  }

  /** Whether the task, or the tool {@code revocation} names, is known to be revoked already. */
  boolean knows(Revocation revocation) {
    return revocation.wholeTask() ? task != null : tools.containsKey(revocation.tool());
  }

  KnownRevocations with(Revocation revocation) {
    if (revocation.wholeTask()) {
      return new KnownRevocations(revocation, tools);
    }
    Map<String, Revocation> more = new HashMap<>(tools);
    more.put(revocation.tool(), revocation);
    return new KnownRevocations(task, Map.copyOf(more));
  }

  boolean wholeTask() {
    return task != null;
  }
}
