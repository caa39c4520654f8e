package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged agent as a real -javaagent on an agent built with Embabel's own tool loop ({@code
 * ToolLoopFactory}: {@code DefaultToolLoop}, or {@code ParallelToolLoop}) and a scripted model (an
 * {@code LlmMessageSender}): each call the model asks for reaches {@code
 * DefaultToolLoop.executeToolCall}, which opens one tool-call scope on the thread that runs the
 * call (the parallel loop's executor threads, where the first response's two calls wait for each
 * other). One of those, a Spring AI callback Embabel wraps, passes Spring AI's hooks inside
 * Embabel's and still opens one scope. Each call signs its S3 request with a key the Vault issued
 * for that call; each response's tool phase ({@code processToolCalls}) is a turn holding exactly
 * the tools it asked for; a tool reaching for another's object, or with no configured entry, is
 * refused inside the JVM; a read a tool hands to an executor and waits for carries the call's
 * scope, and so does a read a tool leaves running after it returned, where it is refused: that
 * call has ended.
 *
 * <p>Embabel is Java 21 bytecode: the application (under {@code src/test/frameworks/embabel}, not
 * on this module's test class path, compiled on JDK 17) is compiled here with the JDK 21+ that
 * runs it, against Embabel's own class path ({@link FrameworkClassPath}). Runs on the release the
 * build selected (default 0.5.0; {@code -Pembabel-oldest} for 0.3.4).
 */
class EmbabelIT {

  static final String TASK = "t-embabel";
  static final String BUCKET = "it-data";
  static final String APP = "dev.tether.it.apps.embabel.EmbabelAgentApp";
  static final String LATE = "readArchive-after-return";
  static final Path TEMURIN_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

  static LocalAwsStack stack;
  static Path java21;
  static String classPath;

  @BeforeAll
  static void startStack() throws Exception {
    java21 = java21OrLater();
    classPath = compileApplication(java21);
    stack = FrameworkRun.stackWithTaskObjects("agent-frameworks-vault-tools.json", BUCKET, TASK);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @ParameterizedTest(name = "{0} loop")
  @ValueSource(strings = {"parallel", "sequential"})
  void eachToolCallGetsItsOwnScopeInEachTurn(String mode) throws Exception {
    FrameworkRun.Outcome run =
        new FrameworkRun(stack, java21, "embabel test JVM", "embabel-tether.yaml", TASK)
            .property("tether.debug", "true") // names every hooked class and method
            .runWithClassPath(classPath, APP, mode);
    ForkedJvm.Result result = run.result();
    String version = FrameworkClassPath.release("embabel");
    assertThat(result.exitCode()).as("Embabel %s\n%s", version, result.all()).isZero();
    ToolCallAssertions.assertScriptedSteps(run, "ALLOWED");

    if (mode.equals("parallel")) {
      // The first response's two calls ran at the same time, each on its own executor thread.
      assertThat(result.lines("MET ")).as(result.all()).hasSize(2);
      assertThat(threadOf(run, "readReports/reports/r.txt")).startsWith("embabel-tool-")
          .isNotEqualTo(threadOf(run, "readLedger/ledger/l.txt"));
      assertThat(threadOf(run, "readLedger/ledger/l.txt")).startsWith("embabel-tool-");
    } else {
      assertThat(threadOf(run, "readReports/reports/r.txt")).isEqualTo("main");
      assertThat(threadOf(run, "readLedger/ledger/l.txt")).isEqualTo("main");
    }
    // readArchive's read ran on the executor it handed the work to: its scope went along.
    assertThat(threadOf(run, "readArchive/archive/a.txt")).isEqualTo("archive-worker");

    // The read readArchive left running, made at the next model round (after the tool returned),
    // carried readArchive's scope, which had ended: refused, and never sent.
    String late = stepLine(run, LATE + "/archive/a.txt");
    assertThat(late).as(result.all()).contains(" REFUSED archive-late ")
        .contains("in tool 'readArchive'").contains("the tool call has ended");
    assertThat(run.stdoutLineIndex("STEP " + LATE + "/")).isGreaterThan(run.stdoutLineIndex("TURN 2"));

    assertThat(result.stderr()).as(result.all())
        .containsOnlyOnce("Embabel tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("[tether] Embabel (") // both dispatchers were found: nothing to report
        .doesNotContain("could not hook")
        .doesNotContain("whose tool calls Tether cannot read");
    assertHooks(run, mode);

    // One scope per call the model asked for: one tool-call derivation each (c1 to c4; c5 names
    // no configured tool), and one turn per response with tool calls, none for the answer.
    ToolCallAssertions.assertDerivationsPerTool(run, Map.of("readReports", 2, "readLedger", 1, "readArchive", 1));
    for (String id : List.of("c1", "c2", "c3", "c4")) { // each under the model's ToolCall id
      assertThat(run.toolCallDerivations()).as(result.all())
          .filteredOn(l -> l.matches(".*gen_ai\\.tool\\.call\\.id=" + id + "[,}].*")).hasSize(1);
    }
    assertThat(result.stderr().lines().filter(l -> l.contains("tether.narrowed=tool-phase")))
        .as(result.all()).hasSize(2);
    ToolCallAssertions.assertOneKeyPerCall(run, List.of("readReports", "readLedger", "readArchive"));
    ToolCallAssertions.assertOneTurnPerToolPhase(run);

    // The server saw each object read with its own tool call's key, and nothing else.
    ToolCallAssertions.assertOnlyTaskObjectsReadEachWithItsToolsKey(run, TASK);
    ToolCallAssertions.assertRefusedReadsNeverLeftTheJvm(run, BUCKET, TASK);
  }

  private static void assertHooks(FrameworkRun.Outcome run, String mode) {
    String processToolCalls =
        "processToolCalls(Ljava/util/List;Lcom/embabel/agent/spi/loop/support/DefaultToolLoop$LoopState;)Z";
    assertThat(run.hooked("com.embabel.agent.spi.loop.support.DefaultToolLoop"))
        .as(run.all())
        .contains("executeToolCall(Lcom/embabel/agent/api/tool/Tool;Lcom/embabel/chat/ToolCall;)")
        .contains(processToolCalls);
    // readLedger, a Spring AI FunctionToolCallback Embabel wraps, also passes Spring AI's hooked
    // callback methods inside Embabel's: still one scope (one derivation per call, checked above).
    assertThat(run.hooked("org.springframework.ai.tool.function.FunctionToolCallback"))
        .contains("call(Ljava/lang/String;)Ljava/lang/String;");
    // The sequential run never loads ParallelToolLoop.
    assertThat(run.hooked("com.embabel.agent.spi.loop.support.ParallelToolLoop"))
        .isEqualTo(mode.equals("parallel") ? processToolCalls : "(not hooked)");
  }

  /** The app's {@code STEP} line for {@code step}'s S3 attempt. */
  private static String stepLine(FrameworkRun.Outcome run, String step) {
    return run.result().lines("STEP " + step + " ").stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no STEP " + step + "\n" + run.all()));
  }

  /** The thread the app printed for {@code step}'s S3 attempt. */
  private static String threadOf(FrameworkRun.Outcome run, String step) {
    return stepLine(run, step).split(" ", 5)[3];
  }

  /** The JDK running the tests if it is 21 or later, else Temurin 25 (Embabel needs Java 21). */
  private static Path java21OrLater() {
    if (Runtime.version().feature() >= 21) {
      return Paths.get(System.getProperty("java.home"));
    }
    if (Files.isExecutable(TEMURIN_25.resolve("bin/javac"))) {
      return TEMURIN_25;
    }
    throw new AssertionError("Embabel is Java 21 bytecode: run the tests on JDK 21 or later, or install"
        + " Temurin 25 at " + TEMURIN_25 + " (this JVM is " + Runtime.version() + ")");
  }

  /**
   * The application's classes compiled with {@code javaHome}'s javac (Java 21: Embabel's class
   * files are 21) against Embabel's class path, then that class path. The loop's construction
   * differs between releases ({@code ToolLoopFactory}'s signatures): {@code loops-<release>}, else
   * {@code loops-<minor>} (0.5), adds the one for the release.
   */
  private static String compileApplication(Path javaHome) throws IOException, InterruptedException {
    String version = FrameworkClassPath.release("embabel");
    String libraries = FrameworkClassPath.of("embabel"); // this module's test classes (S3Steps), then Embabel's
    Path sources = Paths.get("src", "test", "frameworks", "embabel");
    Path classes = Paths.get("target", "frameworks", "embabel-" + version + "-classes").toAbsolutePath();
    Files.createDirectories(classes);
    List<String> command = new ArrayList<>(List.of(
        javaHome.resolve("bin/javac").toString(), "--release", "21", "-parameters", "-proc:none", "-nowarn",
        "-encoding", "UTF-8", "-classpath", libraries, "-d", classes.toString()));
    command.add(sources.resolve("app/dev/tether/it/apps/embabel/EmbabelAgentApp.java").toString());
    Path loops = sources.resolve("loops-" + version);
    if (!Files.isDirectory(loops)) {
      loops = sources.resolve("loops-" + version.substring(0, version.lastIndexOf('.')));
    }
    if (!Files.isDirectory(loops)) {
      throw new AssertionError("no " + loops + ": EmbabelIT builds Embabel's tool loop for 0.3.4"
          + " and 0.5.x; add a folder for " + version + " if its ToolLoopFactory differs");
    }
    command.add(loops.resolve("dev/tether/it/apps/embabel/EmbabelLoops.java").toString());
    Path log = Files.createTempFile(classes.getParent(), "embabel-javac", ".log");
    Process javac = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    javac.getOutputStream().close();
    if (!javac.waitFor(5, TimeUnit.MINUTES) || javac.exitValue() != 0) {
      javac.destroyForcibly();
      throw new AssertionError("compiling the Embabel application against Embabel " + version + " failed:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    Files.deleteIfExists(log);
    return classes + File.pathSeparator + libraries;
  }
}
