package dev.tether.agent.internal.context;

import dev.tether.agent.internal.config.TaskDefaults;
import dev.tether.core.scope.TaskIdentity;

/**
 * Where the task's identity comes from, read at first use (not in premain): system properties
 * {@code tether.task.id}, {@code tether.user.id}, {@code tether.repo}; then the environment
 * ({@code TETHER_TASK_ID}, {@code TETHER_USER_ID}, {@code TETHER_REPO}), as an orchestrator sets
 * them; then the configuration file's {@code task} section.
 */
public final class TaskIdentitySource {

  private final TaskDefaults defaults;
  private volatile TaskIdentity resolved;

  public TaskIdentitySource(TaskDefaults defaults) {
    this.defaults = defaults == null ? new TaskDefaults(null, null, null) : defaults;
  }

  /** @throws IllegalStateException naming what is missing or malformed */
  public TaskIdentity get() {
    TaskIdentity identity = resolved;
    if (identity == null) {
      synchronized (this) {
        identity = resolved;
        if (identity == null) {
          identity =
              new TaskIdentity(
                  required("tether.task.id", "TETHER_TASK_ID", defaults.id(), "task.id"),
                  required("tether.user.id", "TETHER_USER_ID", defaults.user(), "task.user"),
                  required("tether.repo", "TETHER_REPO", defaults.repo(), "task.repo"));
          resolved = identity;
        }
      }
    }
    return identity;
  }

  private static String required(String property, String env, String fallback, String key) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    if (value == null || value.isBlank()) {
      value = fallback;
    }
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "the task identity is incomplete: set " + env + " (or -D" + property + ", or " + key
              + " in the Tether configuration)");
    }
    return value;
  }
}
