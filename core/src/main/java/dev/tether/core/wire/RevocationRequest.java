package dev.tether.core.wire;

/**
 * An orchestrator revokes a task, or one tool of it: every token derived from the task's grants
 * (for that tool only, when one is named) is refused at its next exchange.
 *
 * @param taskId the task, as its grants name it
 * @param tool one tool of the task, or {@code null} for the whole task
 * @param reason why, for the refusals and the agent's exception: written by the orchestrator,
 *     shown to the workload, so never a secret
 */
public record RevocationRequest(String taskId, String tool, String reason) {

  private static final String TYPE = "RevocationRequest";

  public RevocationRequest {
    Required.text(TYPE, "task_id", taskId);
    if (tool != null && tool.isBlank()) {
      throw new IllegalArgumentException(
          TYPE + ": field 'tool' must not be blank; leave it out to revoke the whole task");
    }
    Required.text(TYPE, "reason", reason);
  }
}
