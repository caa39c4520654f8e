package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.GoogleAdkAgentApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent on an agent built with Google ADK ({@code LlmAgent},
 * {@code InMemoryRunner}, {@code FunctionTool}s) and a scripted model: ADK's own flow dispatches
 * each function call through {@code BaseTool.runAsync}, which opens one tool-call scope that stays
 * open until the {@code Single} it returned ends. Two calls of one response run at the same time
 * (ADK's default parallel mode, on {@code Schedulers.io()}) and each signs its S3 request with a
 * key the Vault issued for that call, though the request runs after the tool's method returned; a
 * tool reaching for another tool's object, or one with no configured entry, is refused inside the
 * JVM. Each model response's function calls run in one turn ({@code Functions.handleFunctionCalls},
 * kept open until the {@code Maybe} it returned ends) holding exactly the tools that response asked
 * for. Runs on the ADK release the build selected (default 1.8.0; {@code -Pgoogle-adk-oldest} for
 * 0.1.0), on ADK's own class path ({@link FrameworkClassPath}).
 */
class GoogleAdkIT {

  static final String TASK = "t-adk";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = FrameworkRun.stackWithTaskObjects("agent-frameworks-vault-tools.json", GoogleAdkAgentApp.BUCKET, TASK);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("dev.tether.it.ForkedJvm#javaHomes")
  void eachFunctionCallGetsItsOwnScopeUntilItsSingleEndsInItsResponsesTurn(Path javaHome) throws Exception {
    String classPath = FrameworkClassPath.of("google-adk", GoogleAdkAgentApp.class);
    FrameworkRun.Outcome run =
        new FrameworkRun(stack, javaHome, "google-adk test JVM", "google-adk-tether.yaml", TASK)
            .runWithClassPath(classPath, GoogleAdkAgentApp.class.getName());
    ForkedJvm.Result result = run.result();
    assertThat(result.exitCode()).as(result.all()).isZero();
    ToolCallAssertions.assertScriptedSteps(run, "ALLOWED");

    // The first response's two calls ran at the same time (each waited for the other), on RxJava's
    // io threads, after runAsync and the tool's method had returned on the flow's thread.
    assertThat(result.lines("MET ")).as(result.all()).hasSize(2)
        .allMatch(line -> line.contains(" RxCachedThreadScheduler-"));
    List<String> lines = result.stdout().lines().toList();
    for (String call : List.of("readReports/reports/r.txt", "readLedger/ledger/l.txt")) {
      int returned = run.stdoutLineIndex("RETURNED " + call + " ");
      int step = run.stdoutLineIndex("STEP " + call + " ");
      assertThat(returned).as(result.all()).isNotNegative().isLessThan(step);
      assertThat(lines.get(step)).contains(" RxCachedThreadScheduler-");
    }

    assertThat(result.stderr()).as(result.all())
        .containsOnlyOnce("Google ADK tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("[tether] Google ADK (") // the dispatcher was found: nothing to report
        .doesNotContain("(it runs unhooked)");

    // One scope per function call (c1 to c4; c5 names no configured tool), each ended by the
    // Single runAsync returned, not by runAsync's return.
    assertThat(run.toolCallDerivations()).as(result.all())
        .allMatch(l -> l.contains("tether.tool.deferred=io.reactivex.rxjava3.core.Single"));
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of("readReports", 2, "readLedger", 1, "readArchive", 1));
    // Each under the model's function call id, read from the ToolContext runAsync was given.
    for (String id : List.of("c1", "c2", "c3", "c4")) {
      assertThat(run.toolCallDerivations()).as(result.all())
          .filteredOn(l -> l.matches(".*gen_ai\\.tool\\.call\\.id=" + id + "[,}].*")).hasSize(1);
    }

    ToolCallAssertions.assertOneKeyPerCall(run, List.of("readReports", "readLedger", "readArchive"));
    // One turn per model response, narrowed to the function calls of its Event and ended by the
    // Maybe handleFunctionCalls returned (its calls run after it returned).
    ToolCallAssertions.assertOneTurnPerToolPhase(run);
    assertThat(result.stderr().lines().filter(l -> l.contains("tether.layer=turn")))
        .as(result.all()).hasSize(2)
        .allMatch(l -> l.contains("tether.narrowed=tool-phase"))
        .allMatch(l -> l.contains("tether.turn.deferred=io.reactivex.rxjava3.core.Maybe"));

    // The server saw each object read with its own tool call's key, and nothing else.
    ToolCallAssertions.assertOnlyTaskObjectsReadEachWithItsToolsKey(run, TASK);
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, GoogleAdkAgentApp.BUCKET, TASK);
  }
}
