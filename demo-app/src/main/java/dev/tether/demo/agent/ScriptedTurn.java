package dev.tether.demo.agent;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One turn of the script: the message the runtime sends the model, and the tool calls the model
 * answers it with, all in one response.
 *
 * @param number 1-based
 * @param title how the report names the turn
 * @param prompt the user message of the turn's {@code AiServices} call; tells the turns apart
 */
record ScriptedTurn(int number, String title, String prompt, List<ScriptedToolCall> calls) {

  ScriptedTurn {
    calls = List.copyOf(calls);
  }

  /** The tools the model asks for, in the order it asks. */
  List<String> tools() {
    return calls.stream().map(ScriptedToolCall::tool).collect(Collectors.toList());
  }
}
