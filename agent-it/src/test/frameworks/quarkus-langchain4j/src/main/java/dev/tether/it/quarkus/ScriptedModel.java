package dev.tether.it.quarkus;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers by script, no model service: (1) readReports and readLedger in one response; (2)
 * readArchive (asynchronous), readReports reaching for readLedger's object, and unlisted; (3) the
 * answer; of each round, only the calls of tools the AI service offers (or their virtual-thread
 * forms). Which round it is follows
 * from the tool requests already in the conversation.
 */
public final class ScriptedModel implements ChatModel {

  /** How the AI service gets its model ({@code chatLanguageModelSupplier}). */
  public static final class Supplier implements java.util.function.Supplier<ChatModel> {
    @Override
    public ChatModel get() {
      return new ScriptedModel();
    }
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    int rounds = 0;
    for (ChatMessage message : request.messages()) {
      if (message instanceof AiMessage && ((AiMessage) message).hasToolExecutionRequests()) {
        rounds++;
      }
    }
    List<ToolExecutionRequest> calls;
    if (rounds == 0) {
      calls = List.of(call("c1", "readReports", "reports/r.txt"), call("c2", "readLedger", "ledger/l.txt"));
    } else if (rounds == 1) {
      calls =
          List.of(
              ToolExecutionRequest.builder().id("c3").name("readArchive").arguments("{}").build(),
              call("c4", "readReports", "ledger/l.txt"),
              call("c5", "unlisted", "reports/r.txt"));
    } else {
      calls = List.of();
    }
    // Only the tools this AI service offers: the virtual-thread assistant's two stand for
    // readReports and readLedger.
    Set<String> offered = new HashSet<>();
    request.toolSpecifications().forEach(tool -> offered.add(tool.name()));
    List<ToolExecutionRequest> asked = new ArrayList<>();
    for (ToolExecutionRequest call : calls) {
      if (offered.contains(call.name())) {
        asked.add(call);
      } else if (offered.contains(call.name() + "OnVirtualThread")) {
        asked.add(ToolExecutionRequest.builder().id(call.id()).name(call.name() + "OnVirtualThread")
            .arguments(call.arguments()).build());
      }
    }
    AiMessage answer =
        asked.isEmpty() ? AiMessage.from("done after " + rounds + " tool rounds") : AiMessage.from(asked);
    System.out.println("TURN " + rounds);
    return ChatResponse.builder().aiMessage(answer).build();
  }

  private static ToolExecutionRequest call(String id, String tool, String path) {
    return ToolExecutionRequest.builder().id(id).name(tool).arguments("{\"path\": \"" + path + "\"}").build();
  }
}
