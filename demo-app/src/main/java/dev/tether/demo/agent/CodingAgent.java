package dev.tether.demo.agent;

import dev.tether.api.TetherTurns;
import java.net.URI;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scripted coding agent: two turns of tool calls a model might have chosen, then the runtime's
 * own chores outside any tool. It uses the AWS SDK the usual way and records what each step did;
 * of Tether it knows only the optional API that tells a turn's plan (a no-op without the agent).
 */
public final class CodingAgent {

  public static final String TURN_1 = "turn 1: understand the failing build";
  public static final String TURN_2 = "turn 2: fix and report";

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
    return List.of(TURN_1, TURN_2);
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

      runTurn(
          log,
          1,
          List.of("fetchSources", "readBuildLog"),
          () -> {
            tools.fetchSources();
            tools.readBuildLog();
          });
      runTurn(
          log,
          2,
          List.of("writePatch", "publishReport", "openPullRequest"),
          () -> {
            tools.writePatch(
                "--- a/src/Main.java\n+++ b/src/Main.java\n-  brokn();\n+  fixed();\n");
            tools.publishReport("# " + taskId + "\n\nBuild fixed: a typo in Main.java.\n");
            tools.openPullRequest("Fix the build: a typo in Main.java");
          });

      RuntimeChores chores = new RuntimeChores(s3, log, repo);
      chores.flushTelemetry();
      chores.warmSourceCache();
    } finally {
      workers.shutdownNow();
    }
    return log.records();
  }

  /**
   * One model round: the tools the (scripted) model asked for, then their calls. The turn's plan
   * goes to Tether, which narrows the turn token to those tools and this repository.
   */
  private void runTurn(CallLog log, int turn, List<String> plannedTools, Runnable toolCalls) {
    log.beginTurn(turn);
    TetherTurns.narrow(plannedTools, List.of(repo))
        .ifPresent(reason -> System.err.println("[demo] turn " + turn + " not narrowed: " + reason));
    try {
      toolCalls.run();
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
