package dev.tether.agent.internal.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used; lists every problem found, not just the first. */
public final class ConfigException extends Exception {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  static ConfigException of(ConfigProblem problem) {
    return new ConfigException(List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("ConfigException needs at least one problem");
    }
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }
}
