package dev.tether.core.wire;

import java.util.List;

/**
 * The agent asks the Vault for AWS credentials for one tool call's scope. The Vault checks the
 * scope against the task's grant and the duration against its limits; this record only checks that
 * the required fields are present.
 *
 * @param turnId the agent turn, or {@code null} outside a turn
 * @param actions IAM action patterns, as in {@link dev.tether.core.scope.AwsScope}
 * @param resources resolved resource ARN patterns (no placeholders)
 */
public record AwsCredentialsRequest(
    String taskId,
    String userId,
    String repo,
    String tool,
    String callId,
    String turnId,
    List<String> actions,
    List<String> resources,
    int durationSeconds) {

  private static final String TYPE = "AwsCredentialsRequest";

  public AwsCredentialsRequest {
    Required.text(TYPE, "task_id", taskId);
    Required.text(TYPE, "user_id", userId);
    Required.text(TYPE, "repo", repo);
    Required.text(TYPE, "tool", tool);
    Required.text(TYPE, "call_id", callId);
    actions = Required.strings(TYPE, "actions", actions);
    resources = Required.strings(TYPE, "resources", resources);
  }
}
