package dev.tether.core.wire;

import java.util.List;

/**
 * What the Vault holds against a task now: whether the whole task is revoked, and which of the
 * tools the presented token carries are.
 *
 * @param taskId the task of the presented token
 * @param revoked whether the whole task is revoked
 * @param revocation the task's revocation, present exactly when {@code revoked}
 * @param tools the revocations of single tools of the token, oldest first; empty when none
 */
public record RevocationStatus(
    String taskId, boolean revoked, Revocation revocation, List<Revocation> tools) {

  private static final String TYPE = "RevocationStatus";

  public RevocationStatus {
    Required.text(TYPE, "task_id", taskId);
    if (revoked != (revocation != null)) {
      throw new IllegalArgumentException(
          TYPE + ": field 'revocation' must be present exactly when 'revoked' is true");
    }
    Required.notNull(TYPE, "tools", tools);
    for (Revocation tool : tools) {
      if (tool == null || tool.tool() == null) {
        throw new IllegalArgumentException(
            TYPE + ": field 'tools' must hold revocations of single tools");
      }
    }
    tools = List.copyOf(tools);
  }
}
