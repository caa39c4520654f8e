package dev.tether.agent.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalEvidence;
import dev.tether.core.attest.LocalStatement;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.pop.WorkloadKey;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchCommandTest {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Process> started = new ArrayList<>();
  private final List<Long> childPids = new ArrayList<>();

  @AfterEach
  void stopWhatWasStarted() {
    // Only if a test failed half-way: nothing this test started outlives it.
    for (Process process : started) {
      process.destroyForcibly();
    }
    for (long pid : childPids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  // --- arguments

  @Test
  void optionsComeBeforeTheCommandWhichKeepsItsOwnOptions() {
    LaunchCommand.Arguments parsed = parse("--key", "k.pem", "--", "java", "--key", "-jar", "a");

    assertThat(parsed.key).isEqualTo(Path.of("k.pem"));
    assertThat(parsed.command).containsExactly("java", "--key", "-jar", "a");
    assertThat(parsed.printPublicKey).isFalse();

    assertThat(parse("--key=k.pem", "sh", "-c", "true").command)
        .containsExactly("sh", "-c", "true");
    assertThat(parse("--print-public-key").printPublicKey).isTrue();
    assertThat(parse("--print-public-key", "--").command).isEmpty();
    assertThat(parse("--help").help).isTrue();
  }

  @Test
  void theDefaultKeyFollowsXdgConfigHome() {
    assertThat(LaunchCommand.Arguments.parse(
            new String[] {"--", "true"}, Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/me").key)
        .isEqualTo(Path.of("/cfg/tether/launcher-key.pem"));
    assertThat(LaunchCommand.Arguments.parse(new String[] {"--", "true"}, Map.of(), "/home/me").key)
        .isEqualTo(Path.of("/home/me/.config/tether/launcher-key.pem"));
    // The XDG rule: a relative XDG_CONFIG_HOME is ignored.
    assertThat(LaunchCommand.Arguments.parse(
            new String[] {"--", "true"}, Map.of("XDG_CONFIG_HOME", "cfg"), "/home/me").key)
        .isEqualTo(Path.of("/home/me/.config/tether/launcher-key.pem"));
  }

  @Test
  void badCommandLinesSayWhatIsWrong() {
    assertThatThrownBy(() -> parse()).hasMessageContaining("no COMMAND");
    assertThatThrownBy(() -> parse("--key", "k.pem")).hasMessageContaining("no COMMAND");
    assertThatThrownBy(() -> parse("--key", "k.pem", "--")).hasMessageContaining("no COMMAND");
    assertThatThrownBy(() -> parse("--key", "--", "true")).hasMessageContaining("--key needs");
    assertThatThrownBy(() -> parse("--key=", "--", "true")).hasMessageContaining("--key needs");
    assertThatThrownBy(() -> parse("--key", "a", "--key", "b", "--", "true"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> parse("--verbose", "--", "true"))
        .hasMessageContaining("unknown option '--verbose'");
    assertThatThrownBy(() -> parse("--print-public-key", "--", "true"))
        .hasMessageContaining("launches nothing");
  }

  @Test
  void aUsageErrorExits2WithTheUsage() {
    int status = run("--key", dir.resolve("k.pem").toString());

    assertThat(status).isEqualTo(LaunchCommand.EXIT_USAGE);
    assertThat(err()).contains("tether launch: no COMMAND").contains("usage: java -jar");
    assertThat(dir.resolve("k.pem")).doesNotExist();
  }

  // --- the key

  @Test
  void printPublicKeyMakesTheKeyOnceAndPrintsItsPublicHalf() throws Exception {
    Path key = dir.resolve("conf/launcher-key.pem");

    assertThat(run("--key", key.toString(), "--print-public-key")).isZero();

    String pub = Files.readString(dir.resolve("conf/launcher-key.pem.pub"));
    assertThat(out()).isEqualTo(pub).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(err()).contains("made launcher key " + key)
        .contains(key + ".pub")
        .contains("--local-attestor-key");
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    out.reset();
    err.reset();
    assertThat(run("--key", key.toString(), "--print-public-key")).isZero();
    assertThat(out()).isEqualTo(pub);
    assertThat(err()).isEmpty();
  }

  @Test
  void anUnreadableKeyFailsTheLauncherWithoutRunningAnything() throws Exception {
    Path key = dir.resolve("broken.pem");
    Files.writeString(key, "not a key");
    Path marker = dir.resolve("ran");

    int status = run("--key", key.toString(), "--", "sh", "-c", "touch \"$0\"", marker.toString());

    assertThat(status).isEqualTo(LaunchCommand.EXIT_LAUNCHER_FAILED);
    assertThat(err()).contains(key.toString()).contains("delete it");
    assertThat(marker).doesNotExist();
  }

  // --- launching

  @Test
  void theChildGetsAnAttestorForItsFirstKeyAndItsStatusIsTheLaunchers() throws Exception {
    Path key = dir.resolve("launcher-key.pem");
    String jkt = WorkloadKey.generate().thumbprint();
    Path classes = testClasses();

    int status = run("--key", key.toString(), "--", JAVA, "-cp", classes.toString(),
        AttestingChild.class.getName(), dir.toString(), "nonce-1", jkt);

    assertThat(status).isEqualTo(7);
    childPids.add(Long.parseLong(Files.readString(dir.resolve("pid"))));
    assertThat(Files.readString(dir.resolve("attestor"))).startsWith("http://127.0.0.1:");
    assertThat(Files.readString(dir.resolve("ticket"))).matches("[A-Za-z0-9_-]{43}");
    String response = Files.readString(dir.resolve("response"));
    assertThat(response).startsWith("200 ");
    String evidence = ((JsonString) ((JsonObject) JsonReader.parse(response.substring(4)))
        .get("evidence")).value();
    LauncherKey launcher = LauncherKey.load(key);
    LocalStatement statement =
        LocalEvidence.verify(evidence, Map.of(launcher.id(), launcher.publicKey()));
    assertThat(statement.keyThumbprint()).isEqualTo(jkt);
    assertThat(statement.nonce()).isEqualTo("nonce-1");
    assertThat(statement.workload()).isEqualTo("pid " + childPids.get(0));
    // The attestor lives as long as the launch, no longer.
    URI attestor = URI.create(Files.readString(dir.resolve("attestor")) + "/v1/evidence");
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(attestor).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theEnvironmentReachesAShellChildAndItsStatusPropagates() throws Exception {
    Path seen = dir.resolve("seen");

    int status = run("--key", dir.resolve("k.pem").toString(), "--", "sh", "-c",
        "printf '%s %s' \"$TETHER_LOCAL_ATTESTOR\" \"$TETHER_LOCAL_ATTESTOR_TICKET\" > \"$0\";"
            + " exit 42",
        seen.toString());

    assertThat(status).isEqualTo(42);
    assertThat(Files.readString(seen)).matches("http://127\\.0\\.0\\.1:[0-9]+ [A-Za-z0-9_-]{43}");
  }

  @Test
  void aCommandThatCannotRunExits127() {
    int status = run("--key", dir.resolve("k.pem").toString(), "--",
        dir.resolve("no-such-program").toString());

    assertThat(status).isEqualTo(LaunchCommand.EXIT_CANNOT_RUN);
    assertThat(err()).contains("cannot run '" + dir.resolve("no-such-program") + "'");
  }

  @Test
  void stoppingTheLauncherStopsTheChild() throws Exception {
    Process launcher = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
            LauncherMain.class.getName(), "--key", dir.resolve("k.pem").toString(), "--",
            JAVA, "-cp", testClasses().toString(), AttestingChild.class.getName(), dir.toString(),
            "nonce-1", WorkloadKey.generate().thumbprint(), "wait")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    started.add(launcher);
    long childPid;
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(launcher.getInputStream(), StandardCharsets.US_ASCII))) {
      // The child prints its pid once it has evidence, so the launcher has labelled it by then.
      String line = lines.readLine();
      assertThat(line).as("the child's pid").isNotNull().matches("[0-9]+");
      childPid = Long.parseLong(line);
      childPids.add(childPid);
      assertThat(Files.readString(dir.resolve("response"))).startsWith("200 ");
      assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).hasValue(true);

      launcher.destroy(); // SIGTERM, as a service manager or kill(1) sends it

      assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher stopped").isTrue();
    }
    assertThat(launcher.exitValue()).isEqualTo(128 + 15);
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false))
        .as("the child was stopped with its launcher").isFalse();
  }

  private static Path testClasses() throws Exception {
    return Path.of(
        AttestingChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static LaunchCommand.Arguments parse(String... args) {
    return LaunchCommand.Arguments.parse(args, Map.of(), "/home/me");
  }

  private int run(String... args) {
    return LaunchCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
