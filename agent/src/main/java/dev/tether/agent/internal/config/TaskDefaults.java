package dev.tether.agent.internal.config;

/**
 * The task identity written in the file; {@code -Dtether.task.id} / {@code TETHER_TASK_ID} and
 * their siblings override it when the agent first needs it. Any field may be null.
 */
public record TaskDefaults(String id, String user, String repo) {

  static TaskDefaults none() {
    return new TaskDefaults(null, null, null);
  }
}
