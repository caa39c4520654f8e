package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.yaml.YamlException;

/** Turns the YAML parser's refusals into problems located in the configuration file. */
final class YamlSyntaxProblems {

  private YamlSyntaxProblems() {}

  static ConfigProblem of(String source, YamlException e) {
    return new ConfigProblem(source, e.line(), e.column(), e.getMessage(), e.hint());
  }
}
