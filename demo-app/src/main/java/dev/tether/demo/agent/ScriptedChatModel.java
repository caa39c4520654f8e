package dev.tether.demo.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A chat model that answers by script, so the demo needs no model service: a turn's first request
 * gets one response asking for the turn's tool calls; once their results are in the conversation,
 * a final text. The turn is the one whose prompt is the conversation's last user message.
 *
 * <p>It fails loudly rather than answer off-script: a tool the AI service does not offer, or a
 * call whose result is missing or an error (its arguments did not fit the method, or it threw),
 * ends the turn with an exception, so no step of the script goes missing unnoticed.
 */
final class ScriptedChatModel implements ChatModel {

  private final Map<String, ScriptedTurn> turnsByPrompt = new LinkedHashMap<>();

  ScriptedChatModel(List<ScriptedTurn> turns) {
    for (ScriptedTurn turn : turns) {
      if (turnsByPrompt.put(turn.prompt(), turn) != null) {
        throw new IllegalArgumentException(
            "two turns of the script have the prompt '" + turn.prompt() + "'");
      }
    }
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    int userAt = lastUserMessage(messages);
    String prompt = ((UserMessage) messages.get(userAt)).singleText();
    ScriptedTurn turn = turnsByPrompt.get(prompt);
    if (turn == null) {
      throw new IllegalStateException(
          "the script has no turn with the prompt '" + prompt + "'; its prompts: "
              + turnsByPrompt.keySet());
    }
    Map<String, ToolExecutionResultMessage> results = new LinkedHashMap<>();
    for (ChatMessage message : messages.subList(userAt + 1, messages.size())) {
      if (message instanceof ToolExecutionResultMessage) {
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
        results.put(result.id(), result);
      }
    }
    AiMessage answer =
        results.isEmpty()
            ? toolCalls(turn, request.toolSpecifications())
            : AiMessage.from(finalText(turn, results));
    return ChatResponse.builder().aiMessage(answer).build();
  }

  private static int lastUserMessage(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage) {
        return i;
      }
    }
    throw new IllegalStateException("the request holds no user message to answer");
  }

  /** The turn's first answer: its tool calls, all in one response. */
  private static AiMessage toolCalls(ScriptedTurn turn, List<ToolSpecification> offered) {
    Set<String> names =
        offered == null
            ? Set.of()
            : offered.stream().map(ToolSpecification::name).collect(Collectors.toSet());
    List<ToolExecutionRequest> requests = new ArrayList<>();
    for (ScriptedToolCall call : turn.calls()) {
      if (!names.contains(call.tool())) {
        throw new IllegalStateException(
            "turn " + turn.number() + " asks for tool '" + call.tool()
                + "', which the AI service does not offer (it offers " + names + ")");
      }
      requests.add(call.request());
    }
    return AiMessage.from(requests);
  }

  /** The turn's last answer, once every call's result is in: what the tools said. */
  private static String finalText(
      ScriptedTurn turn, Map<String, ToolExecutionResultMessage> results) {
    List<String> said = new ArrayList<>();
    for (ScriptedToolCall call : turn.calls()) {
      ToolExecutionResultMessage result = results.get(call.id());
      if (result == null) {
        throw new IllegalStateException(
            "no result came back for call " + call.id() + " (" + call.tool() + ")");
      }
      if (Boolean.TRUE.equals(result.isError())) {
        throw new IllegalStateException(
            "call " + call.id() + " (" + call.tool() + ") failed: " + result.text());
      }
      said.add(result.text());
    }
    return "done: " + String.join("; ", said);
  }
}
