package dev.tether.agent.internal.config;

import dev.tether.core.scope.AwsScope;
import java.util.List;

/**
 * One tool from the file.
 *
 * @param name the tool's name: the {@code @Tool} name when {@code boundary} is null; always also
 *     the name a framework's dispatcher runs it under (LangChain4j {@code ToolExecutionRequest.name()})
 * @param boundary the method that marks the tool call, or null for "a method annotated
 *     {@code @Tool} (LangChain4j or Spring AI) whose tool name is {@code name}"
 * @param aws what the tool may do in AWS, as written (placeholders unresolved); {@link
 *     AwsScope#none()} when the file gives no {@code aws}
 * @param egress host names the tool may call, lower case, optionally starting with {@code *.}
 * @param line the line of the tool's entry in the file (1-based; 0 when built in code)
 */
public record ToolConfig(
    String name, BoundarySpec boundary, AwsScope aws, List<String> egress, int line) {

  public ToolConfig {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("ToolConfig needs a name");
    }
    aws = aws == null ? AwsScope.none() : aws;
    egress = egress == null ? List.of() : List.copyOf(egress);
  }
}
