package dev.tether.bench.jmh;

import dev.langchain4j.agent.tool.Tool;
import java.lang.invoke.MethodType;

/**
 * The benchmark's tool boundary, as in benchmarks' BenchTools: the dispatcher finds the tool's name
 * through the {@code @Tool} annotation of this method. The method itself never runs: {@link
 * ToolScope} enters and exits the tool through {@code ToolHooks}, exactly as the code the agent
 * weaves into it would, so that one tool call can span a whole JMH trial.
 */
public final class BenchReadTool {

  static final String METHOD = "benchRead";
  static final String DESCRIPTOR = MethodType.methodType(void.class).toMethodDescriptorString();

  @Tool("Reads the benchmark object")
  public void benchRead() {}
}
