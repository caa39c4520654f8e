package dev.tether.it.apps.springai;

import dev.tether.it.apps.S3Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.function.FunctionToolCallback;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * An agent built on Spring AI's {@code ChatClient} that knows nothing of Tether: a scripted {@link
 * ChatModel} (no model service) asks for tool calls, and Spring AI's own loop runs them through
 * {@code DefaultToolCallingManager}: {@code ChatClient}'s {@code ToolCallingAdvisor} in 2.x, the
 * model itself in 1.x (as every 1.x provider's {@code ChatModel} does). Compiles against 1.0 and
 * 2.0: only API both have.
 *
 * <p>Tools: {@code readReports} (an {@code @Tool} method, {@code MethodToolCallback}), {@code
 * readLedger} (a {@code FunctionToolCallback} built in code), {@code readArchive} (the
 * application's own {@code ToolCallback}, which implements only {@code call(String)} and hands
 * its S3 read to an executor thread, waiting for it), and {@code unlisted} (an {@code @Tool} with
 * no entry in Tether's configuration). Each S3 read uses the SDK's default credentials chain.
 *
 * <p>Rounds: (1) readReports and readLedger together; (2) readArchive, readReports trying
 * readLedger's object, and unlisted; (3) the final answer. Mode {@code call} or {@code stream}
 * ({@code ChatClient.stream()}: the tool calls run on Reactor's {@code boundedElastic} threads).
 * Prints one {@code STEP} line per S3 attempt (with its thread) and a {@code TURN} line per model
 * round.
 */
public final class SpringAiAgentApp {

  public static final String BUCKET = "it-data";
  /** The thread readArchive's S3 read runs on. */
  public static final String ARCHIVE_WORKER = "archive-worker";

  static S3Steps s3;
  static ExecutorService archiveWorker;

  public static void main(String[] args) throws Exception {
    boolean stream = args.length > 2 && args[2].equals("stream");
    s3 = new S3Steps(args[0], BUCKET, args[1]);
    archiveWorker =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, ARCHIVE_WORKER);
              thread.setDaemon(true);
              return thread;
            });

    Function<LedgerRequest, String> readLedger = request -> s3.read("readLedger", request.path());
    ToolCallback ledger =
        FunctionToolCallback.builder("readLedger", readLedger)
            .description("reads an object under the task's ledger/")
            .inputType(LedgerRequest.class)
            .build();

    @SuppressWarnings("removal") // 2.x deprecates toolCallbacks(ToolCallback...); 1.0 has no other
    ChatClient.ChatClientRequestSpec request =
        ChatClient.create(new ScriptedModel())
            .prompt()
            .user("summarise the task's data")
            .tools(new ReportTools(), new UnlistedTools())
            .toolCallbacks(ledger, new ArchiveCallback());
    String answer;
    if (stream) {
      List<String> chunks = request.stream().content().collectList().block();
      answer = chunks == null ? null : String.join("", chunks);
    } else {
      answer = request.call().content();
    }
    System.out.println("ANSWER " + answer);
    s3.close();
    System.out.println("DONE");
    System.exit(0);
  }

  public static final class ReportTools {
    @Tool(description = "reads an object under the task's reports/")
    public String readReports(String path) {
      return s3.read("readReports", path);
    }
  }

  /** A tool the application offers the model but Tether's configuration does not list. */
  public static final class UnlistedTools {
    @Tool(description = "reads anything")
    public String unlisted(String path) {
      return s3.read("unlisted", path);
    }
  }

  /** readLedger's input. */
  public record LedgerRequest(String path) {}

  /**
   * The application's own callback: only {@code call(String)}, so Spring AI's dispatcher reaches
   * it through the interface's default {@code call(String, ToolContext)}. The S3 read runs on
   * another thread (an executor), while this one waits.
   */
  public static final class ArchiveCallback implements ToolCallback {
    private final ToolDefinition definition =
        ToolDefinition.builder()
            .name("readArchive")
            .description("reads the task's archive")
            .inputSchema("{\"type\": \"object\", \"properties\": {}}")
            .build();

    @Override
    public ToolDefinition getToolDefinition() {
      return definition;
    }

    @Override
    public String call(String toolInput) {
      Future<String> read = archiveWorker.submit(() -> s3.read("readArchive", "archive/a.txt"));
      try {
        return read.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      } catch (ExecutionException e) {
        return "failed: " + e.getCause();
      }
    }
  }

  /** Whether models run the tool calls themselves (1.x: providers loop; 2.x: ChatClient does). */
  static boolean modelRunsTools() {
    try {
      ToolCallingChatOptions.class.getMethod("getInternalToolExecutionEnabled");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** An assistant message through the constructor both 1.0 (public) and 2.0 (protected) have. */
  static final class ScriptedMessage extends AssistantMessage {
    ScriptedMessage(String text, List<ToolCall> toolCalls) {
      super(text, Map.of(), toolCalls, List.of());
    }
  }

  /** Answers by script: which round it is follows from the tool results already in the prompt. */
  static final class ScriptedModel implements ChatModel {

    private static final boolean RUNS_TOOLS = modelRunsTools();

    private final ToolCallingManager toolCallingManager = ToolCallingManager.builder().build();

    @Override
    @SuppressWarnings("removal") // 2.x deprecates it for getOptions(); 1.x has only this one
    public ChatOptions getDefaultOptions() {
      return ToolCallingChatOptions.builder().build();
    }

    /** What 2.x's ChatClient starts the request's options from (a default method there). */
    public ChatOptions getOptions() {
      return getDefaultOptions();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
      ChatResponse response = answer(prompt);
      if (RUNS_TOOLS && response.hasToolCalls()) {
        // As a 1.x provider's internalCall: run the tool calls, then ask again with their results.
        ToolExecutionResult result = toolCallingManager.executeToolCalls(prompt, response);
        return call(new Prompt(result.conversationHistory(), prompt.getOptions()));
      }
      return response;
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
      return Flux.defer(
          () -> {
            ChatResponse response = answer(prompt);
            if (RUNS_TOOLS && response.hasToolCalls()) {
              // As a 1.x provider's internalStream: tool calls on boundedElastic, then recurse.
              return Flux.defer(
                      () -> {
                        ToolExecutionResult result =
                            toolCallingManager.executeToolCalls(prompt, response);
                        return stream(new Prompt(result.conversationHistory(), prompt.getOptions()));
                      })
                  .subscribeOn(Schedulers.boundedElastic());
            }
            return Flux.just(response);
          });
    }

    private static ChatResponse answer(Prompt prompt) {
      int rounds = 0;
      for (Message message : prompt.getInstructions()) {
        if (message instanceof ToolResponseMessage) {
          rounds++;
        }
      }
      System.out.println("TURN " + rounds + " " + Thread.currentThread().getName());
      AssistantMessage answer;
      if (rounds == 0) {
        answer =
            new ScriptedMessage(
                "",
                List.of(
                    call("c1", "readReports", "{\"" + pathParameter() + "\": \"reports/r.txt\"}"),
                    call("c2", "readLedger", "{\"path\": \"ledger/l.txt\"}")));
      } else if (rounds == 1) {
        answer =
            new ScriptedMessage(
                "",
                List.of(
                    call("c3", "readArchive", "{}"),
                    call("c4", "readReports", "{\"" + pathParameter() + "\": \"ledger/l.txt\"}"),
                    call("c5", "unlisted", "{\"" + pathParameter() + "\": \"reports/r.txt\"}")));
      } else {
        answer = new ScriptedMessage("done after " + rounds + " tool rounds", List.of());
      }
      return new ChatResponse(new ArrayList<>(List.of(new Generation(answer))));
    }

    private static AssistantMessage.ToolCall call(String id, String tool, String arguments) {
      return new AssistantMessage.ToolCall(id, "function", tool, arguments);
    }

    /** The @Tool methods' parameter name as Spring AI reads it ({@code arg0} without -parameters). */
    private static String pathParameter() {
      try {
        return ReportTools.class.getMethod("readReports", String.class).getParameters()[0].getName();
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
