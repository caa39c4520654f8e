package dev.tether.it.apps;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;

/**
 * An agent built on LangChain4j's {@code AiServices} that knows nothing of Tether: a scripted
 * {@link ChatModel} (no model service) asks for tool calls, the framework's own dispatcher runs
 * them. Tools: two {@code @Tool} methods, one tool built in code ({@code ToolSpecification} and a
 * {@code ToolExecutor} lambda, no annotation), and one {@code @Tool} with no entry in Tether's
 * configuration. Each S3 read uses the SDK's default credentials chain.
 *
 * <p>Rounds: (1) readReports and readLedger together (in parallel in {@code concurrent} mode,
 * where both wait for each other before reading); (2) readArchive (built in code), readReports
 * trying readLedger's object, and unlisted; (3) the final answer. Prints one {@code STEP} line per
 * S3 attempt and {@code TURN} lines with the model's rounds.
 */
public final class LangChain4jAgentApp {

  public static final String BUCKET = "it-data";

  static S3Steps s3;
  /** Both first-round tools meet here in concurrent mode: proof they ran at the same time. */
  static CyclicBarrier together;

  interface Assistant {
    String chat(String message);
  }

  public static void main(String[] args) throws Exception {
    boolean concurrent = args.length > 2 && args[2].equals("concurrent");
    s3 = new S3Steps(args[0], BUCKET, args[1]);
    together = concurrent ? new CyclicBarrier(2) : null;

    ToolSpecification archive =
        ToolSpecification.builder().name("readArchive").description("reads the task's archive").build();
    ToolExecutor archiveExecutor = (request, memoryId) -> s3.read("readArchive", "archive/a.txt");

    AiServices<Assistant> builder =
        AiServices.builder(Assistant.class)
            .chatModel(new ScriptedModel())
            .tools(new ReportTools(), new UnlistedTools())
            .tools(Map.of(archive, archiveExecutor));
    if (concurrent) {
      // 1.x releases that have it (not 1.0): parallel tool calls on LangChain4j's default executor.
      AiServices.class.getMethod("executeToolsConcurrently").invoke(builder);
    }
    String answer = builder.build().chat("summarise the task's data");
    System.out.println("ANSWER " + answer);
    s3.close();
    System.out.println("DONE");
    System.exit(0);
  }

  public static final class ReportTools {
    @Tool("reads an object under the task's reports/")
    public String readReports(String path) {
      S3Steps.meetInFirstRound(together, "readReports", path);
      return s3.read("readReports", path);
    }

    @Tool("reads an object under the task's ledger/")
    public String readLedger(String path) {
      S3Steps.meetInFirstRound(together, "readLedger", path);
      return s3.read("readLedger", path);
    }
  }

  /** A tool the application offers the model but Tether's configuration does not list. */
  public static final class UnlistedTools {
    @Tool("reads anything")
    public String unlisted(String path) {
      return s3.read("unlisted", path);
    }
  }

  /** Answers by script: which round it is follows from the tool results already in the request. */
  static final class ScriptedModel implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      int rounds = 0;
      for (ChatMessage message : request.messages()) {
        if (message instanceof AiMessage && ((AiMessage) message).hasToolExecutionRequests()) {
          rounds++;
        }
      }
      AiMessage answer;
      if (rounds == 0) {
        answer = AiMessage.from(List.of(call("c1", "readReports", "reports/r.txt"), call("c2", "readLedger", "ledger/l.txt")));
      } else if (rounds == 1) {
        answer =
            AiMessage.from(
                List.of(
                    ToolExecutionRequest.builder().id("c3").name("readArchive").arguments("{}").build(),
                    call("c4", "readReports", "ledger/l.txt"),
                    call("c5", "unlisted", "reports/r.txt")));
      } else {
        answer = AiMessage.from("done after " + rounds + " tool rounds");
      }
      System.out.println("TURN " + rounds);
      return ChatResponse.builder().aiMessage(answer).build();
    }

    private static ToolExecutionRequest call(String id, String tool, String path) {
      return ToolExecutionRequest.builder()
          .id(id)
          .name(tool)
          .arguments("{\"arg0\": \"" + path + "\"}")
          .build();
    }
  }
}
