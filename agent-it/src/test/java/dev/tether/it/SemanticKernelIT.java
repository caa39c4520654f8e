package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.SemanticKernelAgentApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent on an agent built with Semantic Kernel (a {@code Kernel}
 * with a plugin of native functions, and {@code OpenAIChatCompletion} running its own tool loop)
 * and a scripted model behind the OpenAI client: each function call the model asks for reaches
 * {@code KernelFunctionFromMethod.invokeAsync}, which opens one tool-call scope that stays open
 * until the {@code Mono} it returned ends. The functions run on {@code boundedElastic} after
 * {@code invokeAsync} returned (one of them returns a {@code Mono} of its own, subscribed after its
 * method returned), yet each signs its S3 request with a key the Vault issued for that call; a
 * function reaching for another's object, or one with no configured entry, is refused inside the
 * JVM. Runs on the release the build selected (default 1.4.2; {@code -Psemantic-kernel-oldest}
 * for 1.0.2), on Semantic Kernel's own class path ({@link FrameworkClassPath}).
 */
class SemanticKernelIT {

  static final String TASK = "t-sk";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = FrameworkRun.stackWithTaskObjects("agent-frameworks-vault-tools.json", SemanticKernelAgentApp.BUCKET, TASK);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("dev.tether.it.ForkedJvm#javaHomes")
  void eachFunctionCallGetsItsOwnScopeUntilItsMonoEnds(Path javaHome) throws Exception {
    String classPath = FrameworkClassPath.of("semantic-kernel", SemanticKernelAgentApp.class);
    FrameworkRun.Outcome run =
        new FrameworkRun(stack, javaHome, "semantic-kernel test JVM", "semantic-kernel-tether.yaml", TASK)
            .runWithClassPath(classPath, SemanticKernelAgentApp.class.getName());
    ForkedJvm.Result result = run.result();
    assertThat(result.exitCode()).as(result.all()).isZero();
    ToolCallAssertions.assertScriptedSteps(run, "ALLOWED");

    // Every function ran on Reactor's boundedElastic threads, after invokeAsync had returned: the
    // asynchronous one's read even after its own method had returned, on the model's thread.
    assertThat(result.lines("STEP ")).as(result.all()).hasSize(5)
        .allMatch(line -> line.split(" ")[3].startsWith("boundedElastic-"));
    int returned = run.stdoutLineIndex("RETURNED readReports/reports/r.txt ");
    assertThat(returned).as(result.all()).isNotNegative().isLessThan(run.stdoutLineIndex("STEP readReports/reports/r.txt "));

    assertThat(result.stderr()).as(result.all())
        .containsOnlyOnce("Semantic Kernel tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("[tether] Semantic Kernel (") // the dispatcher was found: nothing to report
        .doesNotContain("(it runs unhooked)");

    // One scope per function call (c1 to c4; c5 names no configured tool), each ended by the
    // Mono invokeAsync returned, not by invokeAsync's return.
    assertThat(run.toolCallDerivations()).as(result.all())
        .allMatch(l -> l.contains("tether.tool.deferred=reactor.core.publisher.Mono"));
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of("readReports", 2, "readLedger", 1, "readArchive", 1));

    ToolCallAssertions.assertOneKeyPerCall(run, List.of("readReports", "readLedger", "readArchive"));

    // The server saw each object read with its own tool call's key, and nothing else.
    ToolCallAssertions.assertOnlyTaskObjectsReadEachWithItsToolsKey(run, TASK);
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, SemanticKernelAgentApp.BUCKET, TASK);
  }
}
