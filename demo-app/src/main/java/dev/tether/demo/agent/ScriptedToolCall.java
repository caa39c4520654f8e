package dev.tether.demo.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/**
 * One tool call the scripted model asks for, as a model would: the call's id, the tool's name and
 * the arguments as JSON, named as the {@code @Tool} method's parameters are.
 */
record ScriptedToolCall(String id, String tool, String arguments) {

  ToolExecutionRequest request() {
    return ToolExecutionRequest.builder().id(id).name(tool).arguments(arguments).build();
  }
}
