package dev.tether.it;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.S3ToolApp;
import dev.tether.vault.ToolCatalogue;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs an application class in a fresh JVM, optionally with the real Tether agent jar attached. */
final class ForkedJvm {

  static final Path AGENT_JAR = Paths.get(System.getProperty("tether.agent.jar", "../agent/target/tether-agent.jar"));
  static final Path DEMO_JAR = Paths.get(System.getProperty("tether.demo.jar", "../demo-app/target/tether-demo.jar"));

  /** The JDKs the agent is tested on: the one running the tests, and Temurin 25 where installed. */
  static List<Path> javaHomes() {
    List<Path> homes = new ArrayList<>();
    homes.add(Paths.get(System.getProperty("java.home")));
    Path temurin25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
    if (Files.isExecutable(temurin25.resolve("bin/java")) && !homes.get(0).equals(temurin25)) {
      homes.add(temurin25);
    }
    return homes;
  }

  /**
   * The test class path without Tether's own modules: what an application would have. The
   * optional API ({@code tether-api}) stays: applications compile against it.
   */
  static String applicationClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("/dev/tether/") || entry.contains("/tether-api/"))
        .filter(entry -> !entry.matches(".*/(agent|core|bootstrap|vault|instrumentation/[^/]+|demo-app|benchmarks)/target/.*"))
        .filter(entry -> !entry.contains("junit") && !entry.contains("surefire") && !entry.contains("assertj"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
    List<String> lines(String prefix) {
      return stdout.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private final Path javaHome;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String agentOptions;
  private boolean withAgent = true;

  ForkedJvm(Path javaHome) {
    this.javaHome = javaHome;
  }

  ForkedJvm withoutAgent() {
    withAgent = false;
    return this;
  }

  ForkedJvm agentOptions(String options) {
    agentOptions = options;
    return this;
  }

  ForkedJvm property(String key, Object value) {
    jvmArgs.add("-D" + key + "=" + value);
    return this;
  }

  /** A JVM option, after Tether's {@code -javaagent} (e.g. another agent). */
  ForkedJvm jvmArg(String option) {
    jvmArgs.add(option);
    return this;
  }

  ForkedJvm env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /**
   * Runs {@link S3ToolApp} for {@code task} as a runtime would start it: the agent with
   * {@code it-tether.yaml}, the stack's Vault, a task grant the orchestrator minted for every tool
   * of the Vault's catalogue, the stack as its launcher (a local attestor and ticket), and the
   * platform's key as the ambient credentials.
   */
  Result runS3ToolApp(LocalAwsStack stack, String task) throws IOException, InterruptedException {
    return runS3ToolApp(stack, task, Paths.get("src/test/resources/it-tether.yaml"));
  }

  Result runS3ToolApp(LocalAwsStack stack, String task, Path config)
      throws IOException, InterruptedException {
    stack.launch("forked test JVM").environment().forEach(this::env);
    return agentOptions("config=" + config.toAbsolutePath())
        .property("tether.vault.url", stack.vault().url())
        .property("tether.vault.token", stack.vault().agentToken())
        .property("tether.task.grant", stack.grantAllTools(task, "alice", List.of("acme/widgets")))
        .property("aws.accessKeyId", stack.platformAccessKeyId())
        .property("aws.secretAccessKey", stack.platformSecretAccessKey())
        .runMain(S3ToolApp.class.getName(), stack.s3Endpoint().toString(), task);
  }

  /** The Vault's tool catalogue for the tests' apps ({@code it-vault-tools.json}). */
  static ToolCatalogue itTools() {
    return ToolCatalogue.read(Paths.get("src/test/resources/it-vault-tools.json"));
  }

  Result runMain(String mainClass, String... args) throws IOException, InterruptedException {
    return runWithClassPath(applicationClassPath(), mainClass, args);
  }

  /**
   * Starts {@code mainClass} with the application class path and returns while it runs, for a
   * test that acts on it meanwhile (reads what it printed so far, then {@link Running#await}s it).
   */
  Running startMain(String mainClass, String... args) throws IOException {
    List<String> command = javaCommand();
    command.add("-cp");
    command.add(applicationClassPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return start(command);
  }

  /** A forked JVM still running: what it printed so far, and its result once it ends. */
  static final class Running {
    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;
    private final long start;

    private Running(List<String> command, Process process, Path out, Path err, long start) {
      this.command = command;
      this.process = process;
      this.out = out;
      this.err = err;
      this.start = start;
    }

    String stdoutSoFar() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderrSoFar() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /**
     * Waits until {@code text} appears in what the JVM printed (stdout, or stderr when {@code
     * onStderr}), it ends, or {@code deadline} passes; an event, not a timing: the answer is
     * whether it appeared.
     */
    boolean awaitOutput(String text, boolean onStderr, Duration deadline)
        throws IOException, InterruptedException {
      long until = System.nanoTime() + deadline.toNanos();
      while (System.nanoTime() < until) {
        if ((onStderr ? stderrSoFar() : stdoutSoFar()).contains(text)) {
          return true;
        }
        if (!process.isAlive()) {
          return (onStderr ? stderrSoFar() : stdoutSoFar()).contains(text);
        }
        Thread.sleep(20);
      }
      return false;
    }

    Result await() throws IOException, InterruptedException {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("forked JVM did not finish in 180 s: " + command + "\n"
            + Files.readString(err));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8),
              elapsed);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    }

    /** Ends it now, if it still runs (a test that failed half-way). */
    void kill() {
      process.destroyForcibly();
    }
  }

  Result runWithClassPath(String classPath, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = javaCommand();
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return run(command);
  }

  Result runJar(Path jar, String... args) throws IOException, InterruptedException {
    List<String> command = javaCommand();
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    return run(command);
  }

  /** The java launcher, the agent (unless left out) and the JVM options. */
  private List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    if (withAgent) {
      command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentOptions == null ? "" : "=" + agentOptions));
    }
    command.addAll(jvmArgs);
    return command;
  }

  private Result run(List<String> command) throws IOException, InterruptedException {
    return start(command).await();
  }

  private Running start(List<String> command) throws IOException {
    Path out = Files.createTempFile("tether-it", ".out");
    Path err = Files.createTempFile("tether-it", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("TETHER_") || k.startsWith("AWS_") || k.startsWith("OTEL_"));
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    return new Running(command, process, out, err, start);
  }
}
