package dev.tether.agent.internal.config.yaml;

/**
 * A node of a parsed YAML document, located where it starts: 1-based line and column, as problems
 * print them.
 */
public sealed interface YamlNode permits YamlScalar, YamlSequence, YamlMap {

  int line();

  int column();
}
