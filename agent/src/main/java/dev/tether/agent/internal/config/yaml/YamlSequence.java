package dev.tether.agent.internal.config.yaml;

import java.util.List;

/** A list: {@code - item} lines or {@code [a, b]}. */
public record YamlSequence(List<YamlNode> items, int line, int column) implements YamlNode {

  public YamlSequence {
    items = List.copyOf(items);
  }
}
