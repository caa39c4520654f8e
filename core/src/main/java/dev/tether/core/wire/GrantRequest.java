package dev.tether.core.wire;

import java.util.List;

/**
 * An orchestrator asks the Vault for a task grant: for this task, run for this user on these
 * repositories, these tools (by name: their scopes are the Vault's, from its tool catalogue).
 *
 * @param lifetimeSeconds how long the grant (and every token derived from it) may live; 0 for the
 *     Vault's default
 */
public record GrantRequest(
    String taskId, String userId, List<String> repos, List<String> tools, int lifetimeSeconds) {

  private static final String TYPE = "GrantRequest";

  public GrantRequest {
    Required.text(TYPE, "task_id", taskId);
    Required.text(TYPE, "user_id", userId);
    repos = Required.strings(TYPE, "repos", repos);
    tools = Required.strings(TYPE, "tools", tools);
  }
}
