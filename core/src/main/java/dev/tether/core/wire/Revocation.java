package dev.tether.core.wire;

import java.time.Instant;

/**
 * The Vault's record that a task, or one tool of it, is revoked.
 *
 * @param id the revocation's id ({@code rv-…}), for audit and the agent's containment span
 * @param taskId the task revoked
 * @param tool the tool revoked, or {@code null} when the whole task is
 * @param reason the orchestrator's reason
 * @param revokedAt when the Vault recorded it
 */
public record Revocation(
    String id, String taskId, String tool, String reason, Instant revokedAt) {

  private static final String TYPE = "Revocation";

  public Revocation {
    Required.text(TYPE, "id", id);
    Required.text(TYPE, "task_id", taskId);
    Required.text(TYPE, "reason", reason);
    Required.notNull(TYPE, "revoked_at", revokedAt);
  }

  /** Whether it revokes the whole task rather than one tool. */
  public boolean wholeTask() {
    return tool == null;
  }
}
