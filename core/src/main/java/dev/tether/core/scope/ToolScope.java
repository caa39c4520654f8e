package dev.tether.core.scope;

import java.util.List;

/**
 * Everything one tool may reach: its AWS scope and the hosts it may call over HTTP. A missing
 * {@code aws} or {@code egressHosts} means none.
 */
public record ToolScope(String tool, AwsScope aws, List<String> egressHosts) {

  public ToolScope {
    if (tool == null || tool.isBlank()) {
      throw new IllegalArgumentException("ToolScope.tool must be a non-blank tool name");
    }
    aws = aws == null ? AwsScope.none() : aws;
    egressHosts = egressHosts == null ? List.of() : List.copyOf(egressHosts);
    for (String host : egressHosts) {
      if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "ToolScope '" + tool + "' has egress host '" + host + "'; use a host name such as"
                + " api.github.com or *.example.com, without whitespace");
      }
    }
  }

  /** This scope with the AWS resource placeholders filled from {@code id}. */
  public ToolScope resolve(TaskIdentity id) {
    return new ToolScope(tool, aws.resolve(id), egressHosts);
  }
}
