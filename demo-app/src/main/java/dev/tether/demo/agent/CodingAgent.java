package dev.tether.demo.agent;

import dev.langchain4j.service.AiServices;
import java.net.URI;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A coding agent on LangChain4j's {@code AiServices}: each turn is one call to the AI service, whose
 * scripted chat model asks for that turn's tool calls in one response; the framework's dispatcher
 * runs them (concurrently) and hands the results back. Then the runtime's own chores, outside any
 * tool. Tools use the AWS SDK the usual way and record what each step did. It knows nothing of
 * Tether.
 */
public final class CodingAgent {

  /** What the demo prints about how its agent runs. */
  public static final String LOOP =
      "agent loop: LangChain4j AiServices with a scripted chat model (no model service): each turn"
          + " the model asks for tool calls, and the framework's dispatcher runs them";

  private final URI s3Endpoint;
  private final String taskId;
  private final String repo;
  private final URI gitHubApi;
  private final URI paste;

  /**
   * @param s3Endpoint the S3 endpoint (path-style addressing)
   * @param taskId the task this agent works on
   * @param repo the repository it works on, {@code owner/name}
   * @param gitHubApi the code host's API, where the agent opens its pull request
   * @param paste a site the agent's tools have no business sending anything to
   */
  public CodingAgent(URI s3Endpoint, String taskId, String repo, URI gitHubApi, URI paste) {
    this.s3Endpoint = s3Endpoint;
    this.taskId = taskId;
    this.repo = repo;
    this.gitHubApi = gitHubApi;
    this.paste = paste;
  }

  /** The titles of the turns, in order; turn {@code n} is at index {@code n - 1}. */
  public static List<String> turnTitles() {
    return DemoScript.titles();
  }

  /** Runs the script; never throws for a refused or failed step, records it instead. */
  public List<CallRecord> run() {
    CallLog log = new CallLog();
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), CodingAgent::workerThread);
    // Start the workers before any tool runs: a tool's context must reach them by the hand-off,
    // not by being inherited when a thread is created.
    workers.prestartAllCoreThreads();
    try (S3Clients s3 = new S3Clients(s3Endpoint)) {
      DevTools tools = new DevTools(s3, workers, log, taskId, repo, gitHubApi, paste);
      List<ScriptedTurn> script = DemoScript.turns(taskId, repo);
      CodingAssistant assistant =
          AiServices.builder(CodingAssistant.class)
              .chatModel(new ScriptedChatModel(script))
              .tools(tools)
              // The calls of one response run at once, on LangChain4j's default executor.
              .executeToolsConcurrently()
              .build();
      for (ScriptedTurn turn : script) {
        runTurn(log, turn, assistant);
      }

      RuntimeChores chores = new RuntimeChores(s3, log, repo);
      chores.flushTelemetry();
      chores.warmSourceCache();
    } finally {
      workers.shutdownNow();
    }
    return log.records();
  }

  /**
   * One turn: one call to the AI service, which asks the model, runs the tools it asked for, and
   * asks again with their results. The demo's Tether configuration names this method as a turn
   * boundary; inside it, LangChain4j's tool phase narrows Tether's turn to the tools the model
   * asked for.
   */
  private void runTurn(CallLog log, ScriptedTurn turn, CodingAssistant assistant) {
    log.beginTurn(turn.number(), turn.tools());
    try {
      assistant.chat(turn.prompt());
    } catch (RuntimeException e) {
      log.loopFailed(turn.title() + ": the AI service call failed", e);
    } finally {
      log.endTurn();
    }
  }

  private static Thread workerThread(Runnable task) {
    Thread thread = new Thread(task, "agent-worker");
    thread.setDaemon(true);
    return thread;
  }
}
