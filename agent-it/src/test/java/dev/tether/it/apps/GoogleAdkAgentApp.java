package dev.tether.it.apps;

import com.google.adk.agents.LlmAgent;
import com.google.adk.events.Event;
import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.adk.runner.InMemoryRunner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;

/**
 * An agent built on Google ADK that knows nothing of Tether: an {@link LlmAgent} run by an {@link
 * InMemoryRunner}, whose model is a scripted {@link BaseLlm} (no model service) that asks for
 * function calls; ADK's own flow runs them through {@code BaseTool.runAsync}, in its default
 * parallel mode. Every tool is a {@link FunctionTool} over a static method of {@link ReportTools}
 * (what every release since 0.1.0 takes); each S3 read uses the SDK's default credentials chain.
 *
 * <p>{@code readReports} and {@code readLedger} are asynchronous: they return a {@code Maybe}
 * whose S3 read runs on {@code Schedulers.io()} once ADK subscribes to the {@code Single} that
 * {@code runAsync} made of it, after the method and {@code runAsync} returned. {@code readArchive}
 * and {@code unlisted} read at once, inside {@code runAsync}.
 *
 * <p>Responses: (1) readReports and readLedger together (both reads wait for each other: they run
 * at the same time); (2) readArchive, readReports trying readLedger's object, and unlisted (no
 * entry in Tether's configuration); (3) the answer. Prints one {@code STEP} line per S3 attempt,
 * {@code RETURNED} when an asynchronous tool's method returns, and {@code TURN} per model call.
 */
public final class GoogleAdkAgentApp {

  public static final String BUCKET = "it-data";

  static S3Steps s3;
  /** Both first-response reads meet here: proof they ran at the same time. */
  static final CyclicBarrier TOGETHER = new CyclicBarrier(2);

  public static void main(String[] args) throws Exception {
    s3 = new S3Steps(args[0], BUCKET, args[1]);

    LlmAgent agent =
        LlmAgent.builder()
            .name("reader")
            .description("reads the task's data")
            .instruction("Summarise the task's data.")
            .model(new ScriptedModel())
            .tools(
                FunctionTool.create(ReportTools.class, "readReports"),
                FunctionTool.create(ReportTools.class, "readLedger"),
                FunctionTool.create(ReportTools.class, "readArchive"),
                FunctionTool.create(ReportTools.class, "unlisted"))
            .build();
    InMemoryRunner runner = new InMemoryRunner(agent, "tether-it");
    Session session = runner.sessionService().createSession("tether-it", "alice").blockingGet();
    String answer = "";
    for (Event event :
        runner.runAsync("alice", session.id(), Content.fromParts(Part.fromText("summarise")))
            .blockingIterable()) {
      if (event.finalResponse() && event.content().isPresent()) {
        answer = event.content().get().text();
      }
    }
    System.out.println("ANSWER " + answer);
    s3.close();
    System.out.println("DONE");
    System.exit(0);
  }

  /** The tools' methods, each offered to the model as a {@code FunctionTool} of its name. */
  public static final class ReportTools {
    private ReportTools() {}


    /** Returns its read still to run: ADK subscribes to it after this method returned. */
    public static Maybe<Map<String, Object>> readReports(
        @Schema(name = "path", description = "object under the task's reports/") String path) {
      return later("readReports", path);
    }

    public static Maybe<Map<String, Object>> readLedger(
        @Schema(name = "path", description = "object under the task's ledger/") String path) {
      return later("readLedger", path);
    }

    public static Map<String, Object> readArchive(
        @Schema(name = "path", description = "object under the task's archive/") String path) {
      return Map.of("content", s3.read("readArchive", path));
    }

    /** A tool the application offers the model but Tether's configuration does not list. */
    public static Map<String, Object> unlisted(
        @Schema(name = "path", description = "any object") String path) {
      return Map.of("content", s3.read("unlisted", path));
    }

    private static Maybe<Map<String, Object>> later(String tool, String path) {
      Maybe<Map<String, Object>> read =
          Maybe.fromCallable(
                  () -> {
                    S3Steps.meetInFirstRound(TOGETHER, tool, path);
                    return Map.<String, Object>of("content", s3.read(tool, path));
                  })
              .subscribeOn(Schedulers.io());
      System.out.println("RETURNED " + tool + "/" + path + " " + S3Steps.thread());
      return read;
    }
  }

  /** Answers by script: which response it is follows from the tool results in the request. */
  static final class ScriptedModel extends BaseLlm {

    ScriptedModel() {
      super("scripted");
    }

    @Override
    public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
      int rounds = 0;
      for (Content content : request.contents()) {
        if (content.parts().orElse(List.of()).stream().anyMatch(p -> p.functionResponse().isPresent())) {
          rounds++;
        }
      }
      System.out.println("TURN " + rounds);
      Content answer;
      if (rounds == 0) {
        answer = calls(call("c1", "readReports", "reports/r.txt"), call("c2", "readLedger", "ledger/l.txt"));
      } else if (rounds == 1) {
        answer =
            calls(
                call("c3", "readArchive", "archive/a.txt"),
                call("c4", "readReports", "ledger/l.txt"),
                call("c5", "unlisted", "reports/r.txt"));
      } else {
        answer = Content.builder().role("model").parts(List.of(Part.fromText("done after " + rounds + " tool rounds"))).build();
      }
      return Flowable.just(LlmResponse.builder().content(answer).build());
    }

    @Override
    public BaseLlmConnection connect(LlmRequest request) {
      throw new UnsupportedOperationException("the scripted model has no live connection");
    }

    private static Content calls(Part... parts) {
      return Content.builder().role("model").parts(new ArrayList<>(List.of(parts))).build();
    }

    private static Part call(String id, String tool, String path) {
      return Part.builder()
          .functionCall(FunctionCall.builder().id(id).name(tool).args(Map.of("path", path)).build())
          .build();
    }
  }
}
