package dev.tether.demo;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.CodingAgent;
import dev.tether.demo.agent.DevTools;
import dev.tether.demo.report.ApiSummary;
import dev.tether.demo.report.DemoReport;
import dev.tether.demo.report.DemoTask;
import dev.tether.demo.report.HtmlTreeRenderer;
import dev.tether.demo.report.JsonReport;
import dev.tether.demo.report.ReportJudge;
import dev.tether.demo.report.TreeRenderer;
import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.LocalGitHub;
import dev.tether.demo.stack.ReceivedHttp;
import dev.tether.vault.Issuance;
import dev.tether.vault.ToolCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the demo: starts the Vault and a local S3 server, gives the process the environment an agent
 * runtime has today (a broad platform key), runs the coding agent (LangChain4j {@code AiServices}
 * with a scripted chat model), and shows what each step did and which key it used. Exit status 0
 * means every step went as Tether promises.
 */
public final class DemoMain {

  static final DemoTask TASK = new DemoTask("t-demo-1", "alice", "acme/widgets");

  /**
   * The code host token the runtime holds for the whole task, as runtimes do today: every
   * repository, every tool, valid wherever it is presented. Not a real token.
   */
  static final String BROAD_GITHUB_TOKEN = "ghp_demoBroadTokenForEveryRepository0000";

  static final int EXIT_AS_EXPECTED = 0;
  static final int EXIT_NOT_AS_EXPECTED = 1;
  static final int EXIT_USAGE = 2;

  private static final String USAGE =
      "usage: java [-javaagent:tether-agent.jar] -jar tether-demo.jar [--report FILE]"
          + " [--html FILE] [--timings FILE] [--quiet]\n"
          + "  --report FILE   also write the report as JSON to FILE\n"
          + "  --html FILE     also write the derivation tree as one self-contained HTML page to"
          + " FILE\n"
          + "  --timings FILE  also write when each phase began (main, ready, done, end), in"
          + " milliseconds since the epoch, to FILE\n"
          + "  --quiet         print nothing but errors\n"
          + "  --help          print this help\n"
          + "exit status: 0 when every call went as expected, 1 otherwise, 2 on bad arguments\n";

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the demo and returns the exit status instead of exiting. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.print(USAGE);
      return EXIT_AS_EXPECTED;
    }
    PhaseTimes times = new PhaseTimes();
    times.mark("main");

    LocalAwsStack stack;
    try {
      stack = LocalAwsStack.start(toolCatalogue());
    } catch (RuntimeException e) {
      err.println("The demo could not start its local Vault and S3 server: " + e.getMessage());
      return EXIT_NOT_AS_EXPECTED;
    }
    try (stack) {
      return run(options, stack, out, err, times);
    }
  }

  /** Runs the demo against a freshly started, empty stack; the caller closes it. */
  static int run(DemoOptions options, LocalAwsStack stack, PrintStream out, PrintStream err) {
    return run(options, stack, out, err, new PhaseTimes());
  }

  /**
   * The phases {@code times} marks: ready (the stack, the code host and the runtime's environment
   * are up: the coding agent is built next), done (its last tool call has returned), end (the
   * report is out).
   */
  private static int run(
      DemoOptions options, LocalAwsStack stack, PrintStream out, PrintStream err, PhaseTimes times) {
    seed(stack);
    List<CallRecord> calls;
    List<ReceivedHttp> apiRequests;
    try (LocalGitHub gitHub = LocalGitHub.start(
        stack.vault().url(), stack.vault().resourceServerToken(), BROAD_GITHUB_TOKEN)) {
      ScopedSystemProperties environment = ScopedSystemProperties.set(runtimeEnvironment(stack));
      try {
        times.mark("ready");
        calls = new CodingAgent(stack.s3Endpoint(), TASK.taskId(), TASK.repo(), gitHub.apiUrl(),
            gitHub.pasteUrl()).run();
        times.mark("done");
      } finally {
        environment.close();
      }
      // Afterwards, someone presents every credential the API saw once more.
      gitHub.replayAll();
      apiRequests = gitHub.received();
    }
    List<Issuance> issuances = stack.vault().issuances();
    boolean attached = AgentDetection.tetherAttached() || !issuances.isEmpty();
    DemoReport report =
        ReportJudge.judge(
            TASK,
            attached,
            CodingAgent.turnTitles(),
            calls,
            stack.requests(),
            apiRequests,
            issuances,
            stack.platformAccessKeyId());

    if (!options.quiet()) {
      out.println(CodingAgent.LOOP);
      out.print(TreeRenderer.render(report));
      out.print(ApiSummary.render(apiRequests));
    }
    if (options.reportFile() != null
        && !write(options.reportFile(), "the report", JsonReport.toJson(report), err)) {
      return EXIT_NOT_AS_EXPECTED;
    }
    if (options.htmlFile() != null
        && !write(options.htmlFile(), "the HTML page", HtmlTreeRenderer.render(report), err)) {
      return EXIT_NOT_AS_EXPECTED;
    }
    times.mark("end");
    if (options.timingsFile() != null
        && !write(options.timingsFile(), "the phase times", times.text(), err)) {
      return EXIT_NOT_AS_EXPECTED;
    }
    return report.allAsExpected() ? EXIT_AS_EXPECTED : EXIT_NOT_AS_EXPECTED;
  }

  /** The objects the agent's tools work on, plus some they must not touch. */
  static void seed(LocalAwsStack stack) {
    stack.seed(
        "tether-sources",
        "acme/widgets/src/Main.java",
        "public class Main {\n  public static void main(String[] args) {\n    brokn();\n  }\n}\n");
    stack.seed("tether-sources", "acme/widgets/build.gradle", "plugins { id 'java' }\n");
    stack.seed(
        "tether-build-logs",
        "t-demo-1/build.log",
        "> Task :compileJava FAILED\nMain.java:3: error: cannot find symbol brokn()\n");
    stack.seed("tether-build-logs", "t-other-9/build.log", "BUILD SUCCESSFUL (another task)\n");
    stack.seed("tether-secrets", "prod/db-password", "not-a-real-password-but-treat-it-as-one\n");
    stack.createBucket("tether-patches");
    stack.createBucket("tether-reports");
  }

  /**
   * What the orchestrator and the runtime put in the process: where the Vault is and the task grant
   * the orchestrator minted for this task (Tether reads these at first use), the launcher's local
   * attestor and ticket, and the task's broad platform credential, as runtimes do today.
   *
   * <p>In this one-process demo the launcher (the stack) and the workload share the JVM, so the
   * local attestation shows the flow but proves nothing: run {@code tether-agent.jar launch} for a
   * launcher in a process of its own (docs/attestation-local.md).
   */
  static Map<String, String> runtimeEnvironment(LocalAwsStack stack) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.putAll(stack.launch("pid " + ProcessHandle.current().pid()
        + " (the demo: launcher and workload in one JVM)").systemProperties());
    properties.put("tether.vault.url", stack.vault().url().toString());
    properties.put("tether.vault.token", stack.vault().agentToken());
    properties.put(
        "tether.task.grant",
        stack.grantAllTools(TASK.taskId(), TASK.userId(), List.of(TASK.repo())));
    properties.put("aws.accessKeyId", stack.platformAccessKeyId());
    properties.put("aws.secretAccessKey", stack.platformSecretAccessKey());
    properties.put("aws.region", "us-east-1");
    properties.put(DevTools.GITHUB_TOKEN_PROPERTY, BROAD_GITHUB_TOKEN);
    return properties;
  }

  /** The Vault's tool catalogue: the widest scope any task may get for each of the demo's tools. */
  static ToolCatalogue toolCatalogue() {
    try (InputStream in = DemoMain.class.getResourceAsStream("/vault-tools.json")) {
      if (in == null) {
        throw new IllegalStateException("vault-tools.json is missing from the demo jar");
      }
      return ToolCatalogue.parse(in.readAllBytes(), "vault-tools.json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vault-tools.json from the demo jar", e);
    }
  }

  /** Writes {@code text} to {@code file}, creating its directory; says on {@code err} if it cannot. */
  private static boolean write(Path file, String what, String text, PrintStream err) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      err.println("Could not write " + what + " to " + file + ": " + e);
      return false;
    }
  }
}
