package dev.tether.it.apps.embabel;

import com.embabel.agent.api.annotation.LlmTool;
import com.embabel.agent.api.tool.Tool;
import com.embabel.agent.core.Usage;
import com.embabel.agent.spi.loop.LlmMessageResponse;
import com.embabel.agent.spi.loop.LlmMessageSender;
import com.embabel.agent.spi.loop.ToolLoop;
import com.embabel.agent.spi.loop.ToolLoopResult;
import com.embabel.chat.AssistantMessage;
import com.embabel.chat.AssistantMessageWithToolCalls;
import com.embabel.chat.Message;
import com.embabel.chat.ToolCall;
import com.embabel.chat.UserMessage;
import dev.tether.it.apps.S3Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.ai.tool.function.FunctionToolCallback;

/**
 * An agent built on Embabel that knows nothing of Tether: Embabel's own tool loop ({@code
 * ToolLoopFactory}: {@code DefaultToolLoop}, or {@code ParallelToolLoop} with the {@code
 * parallel} argument) driven by a scripted model (an {@link LlmMessageSender}, the interface
 * Embabel's loop calls once per model round; no model service, no network). Each S3 read uses the
 * SDK's default credentials chain. Compiled and run on Embabel's own class path, on Java 21+.
 *
 * <p>Tools: {@code readReports} and {@code unlisted} (no entry in Tether's configuration) are
 * {@code @LlmTool} methods ({@code Tool.fromInstance}); {@code readLedger} is a Spring AI {@code
 * FunctionToolCallback} made an Embabel tool ({@code SpringToolCallbackWrapper}: one call passes
 * Embabel's dispatcher and Spring AI's callback methods); {@code readArchive} is built in code
 * ({@code Tool.create}) and hands its read to an executor thread and waits; it also starts a read
 * it does not wait for, which runs after the tool has returned (at the next model round).
 *
 * <p>Responses: (1) readReports and readLedger (in parallel mode they wait for each other: proof
 * they ran at the same time); (2) readArchive, readReports trying readLedger's object, and
 * unlisted; (3) the answer. Prints one {@code STEP} line per S3 attempt and {@code TURN} per model
 * round.
 *
 * <p>Arguments: the S3 endpoint, the task, then {@code sequential} or {@code parallel}.
 */
public final class EmbabelAgentApp {

  public static final String BUCKET = "it-data";
  /** The thread readArchive hands its read to. */
  public static final String ARCHIVE_WORKER = "archive-worker";
  /** The tool name readArchive's read after its return is printed under. */
  public static final String LATE = "readArchive-after-return";

  static S3Steps s3;
  static CyclicBarrier together;
  static final CountDownLatch roundsDone = new CountDownLatch(1);
  static volatile CompletableFuture<String> late;
  static final ExecutorService archiveWorker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, ARCHIVE_WORKER));

  public static void main(String[] args) throws Exception {
    s3 = new S3Steps(args[0], BUCKET, args[1]);
    boolean parallel = args[2].equals("parallel");
    together = parallel ? new CyclicBarrier(2) : null;
    AtomicInteger threads = new AtomicInteger();
    ExecutorService toolThreads =
        Executors.newFixedThreadPool(4, r -> new Thread(r, "embabel-tool-" + threads.incrementAndGet()));

    List<Tool> tools = new ArrayList<>(Tool.fromInstance(new ReportTools()));
    Function<LedgerRequest, String> readLedger = request -> {
      S3Steps.meetInFirstRound(together, "readLedger", request.path());
      return s3.read("readLedger", request.path());
    };
    tools.add(EmbabelLoops.fromSpringAi(
        FunctionToolCallback.builder("readLedger", readLedger)
            .description("reads an object under the task's ledger/")
            .inputType(LedgerRequest.class)
            .build()));
    tools.add(Tool.create("readArchive", "reads an object under archive/", EmbabelAgentApp::readArchive));

    ToolLoop loop = EmbabelLoops.create(parallel, new ScriptedModel(), toolThreads);
    ToolLoopResult<String> result =
        loop.execute(List.of(new UserMessage("summarise the task's data")), tools, text -> text);
    System.out.println("ANSWER " + result.getResult());
    s3.close();
    System.out.println("DONE");
    System.exit(0);
  }

  /** The {@code @LlmTool} methods: Embabel names each tool after its method. */
  public static final class ReportTools {

    @LlmTool(description = "reads an object under reports/")
    public String readReports(@LlmTool.Param(description = "object under the task's reports/") String path) {
      S3Steps.meetInFirstRound(together, "readReports", path);
      return s3.read("readReports", path);
    }

    /** A tool the application offers the model but Tether's configuration does not list. */
    @LlmTool(description = "reads any object")
    public String unlisted(@LlmTool.Param(description = "any object") String path) {
      return s3.read("unlisted", path);
    }
  }

  /** readLedger's input, as Spring AI's {@code FunctionToolCallback} reads it from the call's JSON. */
  public record LedgerRequest(String path) {}

  /**
   * A tool built in code. Its read runs on another thread, which it waits for (inside the call);
   * a second read it leaves running waits until the model's next round, after this returned.
   */
  static Tool.Result readArchive(String input) {
    String path = input.replaceAll(".*\"path\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    late = CompletableFuture.supplyAsync(() -> {
      awaitQuietly(roundsDone);
      return s3.read(LATE, path);
    }, Executors.newSingleThreadExecutor(r -> new Thread(r, "archive-late")));
    try {
      return Tool.Result.text(archiveWorker.submit(() -> s3.read("readArchive", path)).get(20, TimeUnit.SECONDS));
    } catch (Exception e) {
      return Tool.Result.error(e.toString());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The model: answers each round of Embabel's loop by script. */
  static final class ScriptedModel implements LlmMessageSender {
    private final AtomicInteger rounds = new AtomicInteger();

    @Override
    public LlmMessageResponse call(List<? extends Message> messages, List<? extends Tool> tools) {
      int round = rounds.getAndIncrement();
      System.out.println("TURN " + round);
      Message answer;
      if (round == 0) {
        answer = new AssistantMessageWithToolCalls("", List.of(
            call("c1", "readReports", "reports/r.txt"), call("c2", "readLedger", "ledger/l.txt")));
      } else if (round == 1) {
        answer = new AssistantMessageWithToolCalls("", List.of(
            call("c3", "readArchive", "archive/a.txt"), call("c4", "readReports", "ledger/l.txt"),
            call("c5", "unlisted", "reports/r.txt")));
      } else {
        // readArchive returned a round ago: let the read it left running go, and wait for it.
        roundsDone.countDown();
        System.out.println("LATE " + (late == null ? "none" : late.join()));
        answer = new AssistantMessage("done after " + round + " tool rounds");
      }
      return new LlmMessageResponse(answer, answer.getContent(), new Usage(1, 1, null));
    }

    private static ToolCall call(String id, String name, String path) {
      return new ToolCall(id, name, "{\"path\":\"" + path + "\"}");
    }
  }
}
