package dev.tether.agent.internal.config.yaml;

import java.util.List;

/**
 * A mapping: {@code key: value} lines or {@code {k: v}}. Entries keep their order, and repeated
 * keys are kept too, so the reader can report them where they are.
 */
public record YamlMap(List<Entry> entries, int line, int column) implements YamlNode {

  /** One {@code key: value}; keys are always single values. */
  public record Entry(YamlScalar key, YamlNode value) {}

  public YamlMap {
    entries = List.copyOf(entries);
  }
}
