package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file, so the user sees all of them at once. */
final class Problems {

  private final String source;
  private final List<ConfigProblem> found = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  /** A problem at the start of {@code node}. */
  void at(YamlNode node, String message, String hint) {
    at(node.line(), node.column(), message, hint);
  }

  void at(int line, int column, String message, String hint) {
    found.add(new ConfigProblem(source, line, column, message, hint));
  }

  int count() {
    return found.size();
  }

  /** Throws when anything was found, listing the problems in file order. */
  void throwIfAny() throws ConfigException {
    if (!found.isEmpty()) {
      List<ConfigProblem> sorted = new ArrayList<>(found);
      sorted.sort(
          Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
      throw new ConfigException(sorted);
    }
  }
}
