package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.springai.SpringAiAgentApp;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent as a real -javaagent on an agent built with Spring AI's {@code ChatClient}
 * and a scripted chat model: Spring AI's own loop ({@code ToolCallingAdvisor} in 2.x, the model
 * as a 1.x provider does) runs the tool calls through {@code DefaultToolCallingManager}, whose
 * {@code ToolCallback.call} opens one tool-call scope per call the model asked for (an {@code
 * @Tool} method, a {@code FunctionToolCallback} and the application's own callback alike); each
 * signs its S3 requests with a key the Vault issued for that call, the tool phase of each model
 * response is a turn holding exactly the tools it asked for, and a tool reaching for another
 * tool's object is refused inside the JVM. The scope follows the call onto other threads: the
 * streaming loop's {@code boundedElastic} threads and an executor a tool hands its work to. Runs
 * on the Spring AI version the build selected (default 2.0.1; {@code -Pspring-ai-1.0} for 1.0.0),
 * on Spring AI's own class path ({@link FrameworkClassPath}).
 */
class SpringAiIT {

  static final String TASK = "t-spring-ai";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = FrameworkRun.stackWithTaskObjects("spring-ai-vault-tools.json", SpringAiAgentApp.BUCKET, TASK);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void blockingLoopScopesEachToolCall() throws Exception {
    FrameworkRun.Outcome run = run("call");
    assertScopedPerCall(run);
    // The blocking loop runs the tools on the caller's thread.
    assertThat(threadOf(run, "readReports/reports/r.txt")).isEqualTo("main");
    assertThat(threadOf(run, "readLedger/ledger/l.txt")).isEqualTo("main");
  }

  @Test
  void streamingLoopScopesEachToolCallOnReactorThreads() throws Exception {
    FrameworkRun.Outcome run = run("stream");
    assertScopedPerCall(run);
    // ChatClient.stream() returned before any tool ran; the tool phase ran on boundedElastic.
    assertThat(threadOf(run, "readReports/reports/r.txt")).as(run.all()).startsWith("boundedElastic-");
    assertThat(threadOf(run, "readLedger/ledger/l.txt")).as(run.all()).startsWith("boundedElastic-");
  }

  private FrameworkRun.Outcome run(String mode) throws Exception {
    return new FrameworkRun(
            stack, Paths.get(System.getProperty("java.home")), "spring-ai test JVM", "spring-ai-tether.yaml", TASK)
        .property("tether.debug", "true") // names every hooked class and method
        .runWithClassPath(FrameworkClassPath.of("spring-ai"), SpringAiAgentApp.class.getName(), mode);
  }

  /** The thread the app printed for {@code step}'s S3 attempt. */
  private static String threadOf(FrameworkRun.Outcome run, String step) {
    return run.result().lines("STEP " + step + " ").stream()
        .map(line -> line.split(" ", 5)[3])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no STEP " + step + "\n" + run.all()));
  }

  private static void assertHooks(FrameworkRun.Outcome run) {
    String call = "call(Ljava/lang/String;)Ljava/lang/String;";
    String callWithContext = "call(Ljava/lang/String;Lorg/springframework/ai/chat/model/ToolContext;)Ljava/lang/String;";
    assertThat(run.hooked("org.springframework.ai.tool.ToolCallback")).isEqualTo(callWithContext);
    assertThat(run.hooked("org.springframework.ai.tool.method.MethodToolCallback").split(", "))
        .containsExactlyInAnyOrder(call, callWithContext);
    assertThat(run.hooked("org.springframework.ai.tool.function.FunctionToolCallback").split(", "))
        .containsExactlyInAnyOrder(call, callWithContext);
    assertThat(run.hooked("org.springframework.ai.model.tool.DefaultToolCallingManager"))
        .isEqualTo(
            "executeToolCalls(Lorg/springframework/ai/chat/prompt/Prompt;Lorg/springframework/ai/chat/model/ChatResponse;)Lorg/springframework/ai/model/tool/ToolExecutionResult;");
    // The application's callback implements only call(String): it is reached through the default.
    assertThat(run.hooked(SpringAiAgentApp.ArchiveCallback.class.getName())).isEqualTo("(not hooked)");
  }

  private static void assertScopedPerCall(FrameworkRun.Outcome run) {
    ForkedJvm.Result result = run.result();
    String version = FrameworkClassPath.release("spring-ai");
    assertThat(result.exitCode()).as("Spring AI %s\n%s", version, result.all()).isZero();
    ToolCallAssertions.assertScriptedSteps(run, "ALLOWED");
    // readArchive's read ran on the executor it handed the work to: its scope went along.
    assertThat(threadOf(run, "readArchive/archive/a.txt")).isEqualTo(SpringAiAgentApp.ARCHIVE_WORKER);
    assertThat(result.stderr())
        .containsOnlyOnce("Spring AI tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("[tether] Spring AI (") // every hooked dispatcher is present
        .doesNotContain("could not hook")
        .doesNotContain("whose tool calls Tether cannot read");

    // One scope per call the model asked for, though each passes several hooks (call(String,
    // ToolContext), call(String), the @Tool method): one tool-call derivation each.
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of("readReports", 2, "readLedger", 1, "readArchive", 1));
    // One turn per model response with tool calls (the tool phase), none for the final answer.
    assertThat(result.stderr().lines().filter(l -> l.contains("tether.narrowed=tool-phase")))
        .as(result.all()).hasSize(2);

    ToolCallAssertions.assertOneKeyPerCall(run, List.of("readReports", "readLedger", "readArchive"));
    ToolCallAssertions.assertOneTurnPerToolPhase(run);

    // The server saw each object read with its own tool call's key, and nothing else.
    ToolCallAssertions.assertEachObjectReadWithItsToolsKey(run, Map.of(
        TASK + "/reports/r.txt", "readReports",
        TASK + "/ledger/l.txt", "readLedger",
        TASK + "/archive/a.txt", "readArchive"));
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, SpringAiAgentApp.BUCKET, TASK);
    assertHooks(run);
  }
}
