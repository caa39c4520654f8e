package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.vault.Issuance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent on a Quarkus application built with Quarkus LangChain4j
 * ({@code src/test/frameworks/quarkus-langchain4j}): a {@code @RegisterAiService} assistant, a
 * scripted model, {@code @Tool} methods on CDI beans, built by Quarkus's own build step and run as
 * {@code quarkus-app/quarkus-run.jar}. Quarkus LangChain4j's loop calls each tool's generated
 * executor, {@code QuarkusToolExecutor}, whose {@code executeWithContext} (1.x after 1.0) or
 * {@code execute} (1.0) LangChain4j's module hooks: one scope per call the model asked for, each
 * signing its S3 request with a key the Vault issued for that call. The two calls of the first
 * response run one after the other on the caller's thread (Quarkus LangChain4j has no concurrent
 * tool execution); the asynchronous tool returns a {@code Uni} whose read runs on another thread
 * after its method returned, inside its call (Quarkus LangChain4j awaits the {@code Uni} inside the
 * executor); a tool reaching for another's object, or one with no configured entry, is refused in
 * the JVM. Two more runs: the {@code Uni} subscribed on Quarkus's own worker pool (not carried:
 * refused), and {@code @RunOnVirtualThread} tools. Runs on the release the build selected (default
 * 1.10.0 on Quarkus 3.33.2; {@code -Pquarkus-langchain4j-oldest} for 1.0.0 on Quarkus 3.20.0),
 * built by {@link QuarkusApplicationBuild}.
 */
class QuarkusLangChain4jIT {

  static final String TASK = "t-quarkus";
  static final String BUCKET = "it-data";
  static final String MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
  /** The @RunOnVirtualThread forms of readReports and readLedger. */
  static final String REPORTS_VT = "readReportsOnVirtualThread";
  static final String LEDGER_VT = "readLedgerOnVirtualThread";

  static LocalAwsStack stack;
  static Path application;

  @BeforeAll
  static void buildAndStartStack() throws Exception {
    application = QuarkusApplicationBuild.runnerJar("quarkus-langchain4j", List.of(
        "quarkus-langchain4j.version=" + FrameworkClassPath.release("quarkus-langchain4j"),
        "quarkus.version=" + FrameworkClassPath.release("quarkus-langchain4j.quarkus"),
        "aws.sdk.version=" + System.getProperty("aws.sdk.version")));
    stack = FrameworkRun.stackWithTaskObjects("quarkus-langchain4j-vault-tools.json", BUCKET, TASK);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("dev.tether.it.ForkedJvm#javaHomes")
  void eachToolCallGetsItsOwnScope(Path javaHome) throws Exception {
    FrameworkRun.Outcome run = run(javaHome);
    ForkedJvm.Result result = run.result();
    assertThat(result.exitCode()).as(result.all()).isZero();
    ToolCallAssertions.assertScriptedSteps(run, "ALLOWED");

    // Quarkus LangChain4j runs a response's tool calls one after the other, on the thread that
    // called the AI service (blocking tools): the first response's two calls, each in its own scope.
    assertThat(result.lines("TOOL ")).as(result.all())
        .containsExactly("TOOL readReports main", "TOOL readLedger main", "TOOL readReports main");
    // The asynchronous tool's read ran on another thread, after its method had returned its Uni.
    int returned = run.stdoutLineIndex("RETURNED readArchive/archive/a.txt main");
    int step = run.stdoutLineIndex("STEP readArchive/archive/a.txt ");
    assertThat(returned).as(result.all()).isNotNegative().isLessThan(step);
    assertThat(result.stdout().lines().toList().get(step)).contains(" ALLOWED archive-reader ");

    assertThat(result.stderr()).as(result.all())
        .containsOnlyOnce("Quarkus LangChain4j tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("(it runs unhooked)");
    // The LangChain4j under Quarkus LangChain4j 1.0 (1.0.0) has no ToolService dispatcher: named
    // once at start-up, though Quarkus's executors, classes, are scoped all the same.
    String report = "[tether] LangChain4j (" + langChain4jJar() + "): dev.langchain4j.service.tool.ToolService"
        + " has none of the methods Tether hooks.";
    if (langChain4jHasDispatcher()) {
      assertThat(result.stderr()).doesNotContain("[tether] LangChain4j (");
    } else {
      assertThat(result.stderr()).containsOnlyOnce(report);
    }

    // One scope per call (c1 to c4; c5 names no configured tool) though each passes several hooks
    // (the executor's methods, the @Tool method): one derivation each, under the model's id.
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of("readReports", 2, "readLedger", 1, "readArchive", 1));
    for (String id : List.of("c1", "c2", "c3", "c4")) {
      assertThat(run.toolCallDerivations()).as("call %s", id)
          .filteredOn(l -> l.matches(".*gen_ai\\.tool\\.call\\.id=" + id + "[,}].*")).hasSize(1);
    }
    ToolCallAssertions.assertOneKeyPerCall(run, List.of("readReports", "readLedger", "readArchive"));
    // Quarkus LangChain4j's loop does not pass LangChain4j's ToolService: no turn is narrowed to
    // a response's tools; the calls derive from the task.
    assertThat(run.issued()).extracting(Issuance::turnId).containsOnlyNulls();

    // S3 saw each object read with its own tool call's key, and nothing else.
    ToolCallAssertions.assertOnlyTaskObjectsReadEachWithItsToolsKey(run, TASK);
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, BUCKET, TASK);
  }

  /**
   * {@code @RunOnVirtualThread} tools: Quarkus LangChain4j's executor opens the call's scope on the
   * caller's thread, then submits the tool to Quarkus's virtual-thread executor and waits. On JDK
   * 21+ that runs it on a virtual thread (the JDK's thread-per-task executor); on JDK 17 Quarkus
   * falls back to its worker pool (JBoss Threads' {@code EnhancedQueueExecutor}). Both submissions
   * carry the call, so the {@code @Tool} method, hooked by its annotation, finds its own call there
   * and opens nothing more: one derivation per call, under the model's call id.
   */
  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("dev.tether.it.ForkedJvm#javaHomes")
  void virtualThreadToolsSignWithTheirOwnTools(Path javaHome) throws Exception {
    FrameworkRun.Outcome run = run(javaHome, "virtual-threads");
    ForkedJvm.Result result = run.result();
    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout()).as(result.all())
        .contains("ANSWER done after 2 tool rounds")
        .contains("in tool 'readReportsOnVirtualThread': outside the tool's scope");
    String thread = featureRelease(javaHome) >= 21 ? "quarkus-virtual-thread-" : "executor-thread-";
    assertThat(result.lines("TOOL ")).as(result.all()).hasSize(3).allMatch(line -> line.contains(" " + thread));
    assertThat(AwsSdkEnforcementIT.steps(result)).as(result.all())
        .containsOnlyKeys(REPORTS_VT + "/reports/r.txt", LEDGER_VT + "/ledger/l.txt", REPORTS_VT + "/ledger/l.txt")
        .containsEntry(REPORTS_VT + "/reports/r.txt", "ALLOWED")
        .containsEntry(LEDGER_VT + "/ledger/l.txt", "ALLOWED")
        .containsEntry(REPORTS_VT + "/ledger/l.txt", "REFUSED");
    // One derivation per call, the executor's, with the model's call id.
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of(REPORTS_VT, 2, LEDGER_VT, 1));
    assertThat(run.toolCallDerivations()).allMatch(l -> l.contains("gen_ai.tool.call.id="));
    ToolCallAssertions.assertOneKeyPerCall(run, List.of(REPORTS_VT, LEDGER_VT));
    ToolCallAssertions.assertEachObjectReadWithItsToolsKey(run, Map.of(
        TASK + "/reports/r.txt", REPORTS_VT, TASK + "/ledger/l.txt", LEDGER_VT));
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, BUCKET, TASK);
  }

  /**
   * A {@code Uni} subscribed on Quarkus's own worker pool ({@code Infrastructure
   * .getDefaultWorkerPool()}, the idiomatic way to move work off the caller in Quarkus): Quarkus
   * forwards it to JBoss Threads' {@code EnhancedQueueExecutor}, whose submissions carry the call
   * (the executor hooks cover it), so the read runs inside readArchive's call, which stays open
   * while Quarkus LangChain4j awaits the {@code Uni}, and signs with its key.
   */
  @Test
  void asynchronousToolOnQuarkusWorkerPoolKeepsItsCall() throws Exception {
    FrameworkRun.Outcome run = run(Path.of(System.getProperty("java.home")), "worker-pool");
    ForkedJvm.Result result = run.result();
    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout()).as(result.all()).contains("EXECUTOR io.quarkus.");
    int step = run.stdoutLineIndex("STEP readArchive/archive/a.txt ");
    assertThat(result.stdout().lines().toList().get(step)).as(result.all())
        .contains(" ALLOWED executor-thread-");
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of("readReports", 2, "readLedger", 1, "readArchive", 1));
    ToolCallAssertions.assertOneKeyPerCall(run, List.of("readReports", "readLedger", "readArchive"));
    ToolCallAssertions.assertEachObjectReadWithItsToolsKey(run, Map.of(
        TASK + "/reports/r.txt", "readReports", TASK + "/ledger/l.txt", "readLedger",
        TASK + "/archive/a.txt", "readArchive"));
  }

  /** The JDK's feature release, from its {@code release} file. */
  static int featureRelease(Path javaHome) throws IOException {
    Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(javaHome.resolve("release")));
    assertThat(version.find()).as("JAVA_VERSION in %s/release", javaHome).isTrue();
    return Integer.parseInt(version.group(1));
  }

  /** The LangChain4j jar in the built application, as Quarkus names it in {@code lib/main}. */
  static String langChain4jJar() throws IOException {
    try (Stream<Path> jars = Files.list(application.resolveSibling("lib").resolve("main"))) {
      return jars.map(jar -> jar.getFileName().toString())
          .filter(name -> name.matches("dev\\.langchain4j\\.langchain4j-\\d.*\\.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("no LangChain4j jar in " + application));
    }
  }

  /** LangChain4j 1.14 or later: ToolService has the dispatcher Tether hooks. */
  static boolean langChain4jHasDispatcher() throws IOException {
    Matcher version = Pattern.compile("langchain4j-(\\d+)\\.(\\d+)").matcher(langChain4jJar());
    assertThat(version.find()).isTrue();
    int major = Integer.parseInt(version.group(1));
    return major > 1 || Integer.parseInt(version.group(2)) >= 14;
  }

  private FrameworkRun.Outcome run(Path javaHome, String... args) throws Exception {
    return new FrameworkRun(stack, javaHome, "quarkus-langchain4j test JVM", "quarkus-langchain4j-tether.yaml", TASK)
        .runWithClassPath(application.toString(), MAIN, args);
  }
}
