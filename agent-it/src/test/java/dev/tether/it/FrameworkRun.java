package dev.tether.it;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.Issuance;
import dev.tether.vault.ToolCatalogue;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * One forked JVM running an agent-framework application under the packaged agent, set up as every
 * framework IT sets it up: the launcher's environment for its workload, console spans (the tests
 * count the tool-call derivations in them), the Vault, a grant of every tool for the task, the
 * platform key the agent swaps for per-call keys, and the framework's Tether configuration. What
 * the run did is read back from the local stack: the keys the Vault issued and the requests S3 saw
 * while the JVM ran (the stack is shared by a class's tests, hence the before/after slices).
 */
final class FrameworkRun {

  private final LocalAwsStack stack;
  private final ForkedJvm jvm;
  private final String task;

  /**
   * @param workload the label the launcher attests the JVM under
   * @param config the agent's configuration, a file under {@code src/test/resources}
   * @param task the task granted (every tool, for alice on acme/widgets); the app's second argument
   */
  FrameworkRun(LocalAwsStack stack, Path javaHome, String workload, String config, String task) {
    this.stack = stack;
    this.task = task;
    this.jvm = new ForkedJvm(javaHome);
    stack.launch(workload).environment().forEach(jvm::env);
    jvm.env("OTEL_TRACES_EXPORTER", "console"); // the tool-call derivations, counted by the tests
    jvm.agentOptions("config=" + Paths.get("src/test/resources", config).toAbsolutePath())
        .property("tether.vault.url", stack.vault().url())
        .property("tether.vault.token", stack.vault().agentToken())
        .property("tether.task.grant", stack.grantAllTools(task, "alice", List.of("acme/widgets")))
        .property("aws.accessKeyId", stack.platformAccessKeyId())
        .property("aws.secretAccessKey", stack.platformSecretAccessKey());
  }

  /**
   * A stack whose Vault knows the tools in {@code catalogue} (under {@code src/test/resources}),
   * with the three objects the framework apps read seeded under {@code task}.
   */
  static LocalAwsStack stackWithTaskObjects(String catalogue, String bucket, String task) {
    LocalAwsStack stack = LocalAwsStack.start(ToolCatalogue.read(Paths.get("src/test/resources", catalogue)));
    stack.seed(bucket, task + "/reports/r.txt", "reports");
    stack.seed(bucket, task + "/ledger/l.txt", "ledger");
    stack.seed(bucket, task + "/archive/a.txt", "archive");
    return stack;
  }

  FrameworkRun property(String key, Object value) {
    jvm.property(key, value);
    return this;
  }

  /** Runs {@code mainClass} on the test class path with the S3 endpoint, the task, then {@code args}. */
  Outcome runMain(String mainClass, String... args) throws IOException, InterruptedException {
    return runWithClassPath(ForkedJvm.applicationClassPath(), mainClass, args);
  }

  /** As {@link #runMain}, on {@code classPath} (a framework's own, see {@link FrameworkClassPath}). */
  Outcome runWithClassPath(String classPath, String mainClass, String... args)
      throws IOException, InterruptedException {
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    List<String> arguments = new ArrayList<>(List.of(stack.s3Endpoint().toString(), task));
    arguments.addAll(List.of(args));
    ForkedJvm.Result result = jvm.runWithClassPath(classPath, mainClass, arguments.toArray(String[]::new));
    List<Issuance> issuances = stack.vault().issuances();
    List<ReceivedRequest> requests = stack.requests();
    return new Outcome(
        result,
        List.copyOf(issuances.subList(issuedBefore, issuances.size())),
        List.copyOf(requests.subList(receivedBefore, requests.size())));
  }

  /** The JVM's result, with the keys the Vault issued and the requests S3 saw during the run. */
  record Outcome(ForkedJvm.Result result, List<Issuance> issued, List<ReceivedRequest> received) {

    /** Everything the JVM printed, for assertion messages. */
    String all() {
      return result.all();
    }

    /** The console spans of the tool-call tokens the agent derived, one per tool-call scope. */
    List<String> toolCallDerivations() {
      return result.stderr().lines().filter(l -> l.contains("tether.layer=tool_call")).toList();
    }

    /**
     * The methods the agent wove into {@code className}, as {@code -Dtether.debug} names them, or
     * {@code "(not hooked)"}.
     */
    String hooked(String className) {
      String prefix = "[tether] hooked " + className + " [";
      return result.stderr().lines()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(prefix.length(), line.indexOf("] on ")))
          .findFirst()
          .orElse("(not hooked)");
    }

    /** The index of the first stdout line starting with {@code prefix}, or -1. */
    int stdoutLineIndex(String prefix) {
      List<String> lines = result.stdout().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(prefix)) {
          return i;
        }
      }
      return -1;
    }
  }
}
