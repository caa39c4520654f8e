package dev.tether.agent.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which of the task's tools and repositories a turn gets, from {@code turns.tools} and {@code
 * turns.repos}: each either absent (all of the task's) or a list, intersected with the task's.
 * A runtime that knows its turn plan narrows further through the API.
 *
 * @param tools {@code null} for all of the task's
 * @param repos {@code null} for all of the task's
 */
public record TurnRule(List<String> tools, List<String> repos) {

  public TurnRule {
    tools = tools == null ? null : List.copyOf(tools);
    repos = repos == null ? null : List.copyOf(repos);
  }

  public static TurnRule all() {
    return new TurnRule(null, null);
  }

  /** The turn's tools: the task's, in the task's order, kept only if the rule names them. */
  public List<String> tools(Collection<String> taskTools) {
    return keep(taskTools, tools);
  }

  public List<String> repos(Collection<String> taskRepos) {
    return keep(taskRepos, repos);
  }

  private static List<String> keep(Collection<String> task, List<String> rule) {
    List<String> kept = new ArrayList<>();
    for (String value : task) {
      if (rule == null || rule.contains(value)) {
        kept.add(value);
      }
    }
    return kept;
  }
}
