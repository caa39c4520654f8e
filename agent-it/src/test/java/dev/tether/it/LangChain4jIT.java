package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.LangChain4jAgentApp;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent on an agent built with LangChain4j's {@code AiServices}
 * and a scripted chat model: the framework's dispatcher opens one tool-call scope per call the
 * model asked for (an {@code @Tool} method or a tool built in code alike), each signs its S3
 * requests with a key the Vault issued for that call, the tool phase of each model response is a
 * turn holding exactly the tools it asked for, and a tool reaching for another tool's object is
 * refused inside the JVM. Runs on the LangChain4j version the build selected (default 1.19.0;
 * {@code -Plangchain4j-1.0} for 1.0.0).
 */
class LangChain4jIT {

  static final String TASK = "t-lc4j";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = FrameworkRun.stackWithTaskObjects("langchain4j-vault-tools.json", LangChain4jAgentApp.BUCKET, TASK);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  static List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  /** LangChain4j 1.x after 1.0: ToolService has the dispatcher, the tool phase and concurrency. */
  static boolean hasDispatcher() {
    try {
      Class.forName("dev.langchain4j.service.tool.ToolService")
          .getMethod("executeWithErrorHandling",
              Class.forName("dev.langchain4j.agent.tool.ToolExecutionRequest"),
              Class.forName("dev.langchain4j.service.tool.ToolExecutor"),
              Class.forName("dev.langchain4j.invocation.InvocationContext"),
              Class.forName("dev.langchain4j.service.tool.ToolArgumentsErrorHandler"),
              Class.forName("dev.langchain4j.service.tool.ToolExecutionErrorHandler"));
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  @Test
  void sequentialToolCallsEachGetTheirOwnScope() throws Exception {
    assertScopedPerCall(run(Paths.get(System.getProperty("java.home")), "sequential"));
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void parallelToolCallsGetOneScopeEach(Path javaHome) throws Exception {
    assumeTrue(hasDispatcher(), "LangChain4j " + System.getProperty("langchain4j.version") + " has no executeToolsConcurrently");
    FrameworkRun.Outcome run = run(javaHome, "concurrent");
    // Both first-round tools waited for each other: they ran at the same time, on executor threads.
    assertThat(run.result().lines("MET ")).as(run.all()).hasSize(2)
        .noneMatch(line -> line.endsWith(" main"));
    assertScopedPerCall(run);
  }

  private FrameworkRun.Outcome run(Path javaHome, String mode) throws Exception {
    return new FrameworkRun(stack, javaHome, "langchain4j test JVM", "langchain4j-tether.yaml", TASK)
        .runMain(LangChain4jAgentApp.class.getName(), mode);
  }

  private static void assertScopedPerCall(FrameworkRun.Outcome run) {
    ForkedJvm.Result result = run.result();
    assertThat(result.exitCode()).as(result.all()).isZero();
    boolean dispatcher = hasDispatcher();
    // A tool built in code (a ToolExecutor lambda) is reached only through the dispatcher;
    // LangChain4j 1.0 has none to hook, so it runs outside any tool: refused, never unscoped.
    ToolCallAssertions.assertScriptedSteps(run, dispatcher ? "ALLOWED" : "REFUSED");
    assertThat(result.stdout()).contains("STEP unlisted/reports/r.txt REFUSED");
    assertThat(result.stderr())
        .containsOnlyOnce("LangChain4j tool 'unlisted' has no entry under 'tools:'");
    // A release without the dispatcher is named once, as the framework loads: never silent.
    String missing = "[tether] LangChain4j (langchain4j-" + System.getProperty("langchain4j.version")
        + ".jar): dev.langchain4j.service.tool.ToolService has none of the methods Tether hooks.";
    if (dispatcher) {
      assertThat(result.stderr()).doesNotContain("[tether] LangChain4j (");
    } else {
      assertThat(result.stderr()).containsOnlyOnce(missing);
    }

    // One scope per call the model asked for, though each passes several hooks (dispatcher,
    // executor, @Tool method): one tool-call derivation each, under the model's call id.
    List<String> derivations = run.toolCallDerivations();
    List<String> callIds = dispatcher ? List.of("c1", "c2", "c3", "c4") : List.of("c1", "c2", "c4");
    assertThat(derivations).as(result.all()).hasSize(callIds.size());
    for (String id : callIds) {
      assertThat(derivations).as("call %s among %s", id, derivations).filteredOn(l -> l.matches(".*gen_ai\\.tool\\.call\\.id=" + id + "[,}].*")).hasSize(1);
    }

    ToolCallAssertions.assertOneKeyPerCall(run, dispatcher
        ? Set.of("readReports", "readLedger", "readArchive")
        : Set.of("readReports", "readLedger"));
    if (dispatcher) {
      ToolCallAssertions.assertOneTurnPerToolPhase(run);
    }

    // The server saw each object read with its own tool call's key, and nothing else.
    Map<String, Set<String>> toolsByObject = ToolCallAssertions.assertEachObjectReadWithItsToolsKey(run, Map.of(
        TASK + "/reports/r.txt", "readReports",
        TASK + "/ledger/l.txt", "readLedger"));
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, LangChain4jAgentApp.BUCKET, TASK);
    if (dispatcher) {
      assertThat(toolsByObject.get(TASK + "/archive/a.txt")).containsExactly("readArchive");
    } else {
      assertThat(toolsByObject).doesNotContainKey(TASK + "/archive/a.txt");
    }
  }
}
