package dev.tether.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tether.demo.agent.CodingAgent;
import dev.tether.demo.stack.LocalAwsStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo in a plain JVM, without the Tether agent: everything goes through, and it says so. */
class DemoMainTest {

  @Test
  void withoutTheAgentEveryCallGoesThroughAndTheDemoFails(@TempDir Path dir) throws Exception {
    Path reportFile = dir.resolve("out/report.json");
    Path htmlFile = dir.resolve("html/tree.html");
    Path timingsFile = dir.resolve("timings/phases.txt");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String platformSecret;
    String vaultToken;
    int exit;
    try (LocalAwsStack stack = LocalAwsStack.start(DemoMain.toolCatalogue())) {
      platformSecret = stack.platformSecretAccessKey();
      vaultToken = stack.vault().agentToken();
      exit =
          DemoMain.run(
              DemoOptions.parse(
                  new String[] {
                    "--report", reportFile.toString(),
                    "--html", htmlFile.toString(),
                    "--timings", timingsFile.toString()
                  }),
              stack,
              print(out),
              print(err));
    }
    long finished = System.currentTimeMillis();
    String tree = out.toString(StandardCharsets.UTF_8);
    String json = Files.readString(reportFile);
    // The phases after the stack started (the caller started it here), in order, none after now.
    List<String> phases = Files.readAllLines(timingsFile);
    assertThat(phases).extracting(line -> line.split(" ")[0]).containsExactly("ready", "done", "end");
    List<Long> times = new ArrayList<>();
    for (String line : phases) {
      times.add(Long.parseLong(line.split(" ")[1]));
    }
    assertThat(times).isSorted();
    assertThat(times.get(2)).isLessThanOrEqualTo(finished);
    assertThat(times.get(1) - times.get(0)).as("the coding agent's run, ms").isPositive();

    assertThat(exit).isEqualTo(1);
    assertThat(tree)
        .startsWith(CodingAgent.LOOP + "\ntask t-demo-1  user alice  repo acme/widgets\n")
        .contains("├─ turn 1: understand the failing build\n")
        .contains("├─ turn 2: fix and report\n")
        .contains("└─ outside any tool\n")
        .contains("GetObject tether-build-logs/t-other-9/build.log  ALLOWED  ✘ UNENFORCED")
        .contains("POST localhost:")
        .contains("/paste  ALLOWED  ✘ UNENFORCED")
        .contains("verdict: 7/12 calls as expected\n")
        .contains(
            "Tether is not attached: 5 calls that it would refuse went through")
        .contains("/repos/acme/widgets/pulls → 201, with the runtime's broad token; the same"
            + " credential presented again → 201 (still good for anyone who copies it)");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

    JsonObject report = JsonParser.parseString(json).getAsJsonObject();
    assertThat(report.get("agentAttached").getAsBoolean()).isFalse();
    assertThat(report.get("matched").getAsInt()).isEqualTo(7);
    assertThat(report.get("expectedCount").getAsInt()).isEqualTo(12);
    assertThat(report.getAsJsonArray("issuances")).isEmpty();
    List<String> refusedVerdicts = new ArrayList<>();
    for (JsonElement element : report.getAsJsonArray("calls")) {
      JsonObject call = element.getAsJsonObject();
      assertThat(call.get("outcome").getAsString()).as(call.toString()).isEqualTo("ALLOWED");
      if (call.get("expected").getAsString().equals("REFUSED")) {
        refusedVerdicts.add(call.get("verdict").getAsString());
      } else {
        assertThat(call.get("verdict").getAsString()).as(call.toString()).isEqualTo("OK");
      }
    }
    assertThat(refusedVerdicts)
        .containsExactly("UNENFORCED", "UNENFORCED", "UNENFORCED", "UNENFORCED", "UNENFORCED");
    // Each tool call's steps together, in the order the model asked for the calls, though the
    // framework ran each turn's calls concurrently.
    List<String> tools = new ArrayList<>();
    for (JsonElement element : report.getAsJsonArray("calls")) {
      JsonObject call = element.getAsJsonObject();
      tools.add(call.get("turn").getAsInt() + " "
          + (call.get("tool").isJsonNull() ? "-" : call.get("tool").getAsString()));
    }
    assertThat(tools).containsExactly(
        "1 fetchSources", "1 fetchSources", "1 readBuildLog", "1 readBuildLog",
        "2 writePatch", "2 writePatch", "2 publishReport", "2 publishReport",
        "2 openPullRequest", "2 openPullRequest", "0 -", "0 -");
    // The S3 server saw the out-of-scope reads, signed with the runtime's broad key.
    assertThat(report.getAsJsonArray("serverRequests").toString())
        .contains("t-other-9/build.log", "prod/db-password", "acme/widgets/build.gradle");

    // The same tree as a page: every unenforced call shows as such, and the verdict says so.
    String html = Files.readString(htmlFile);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("data-tool-calls=\"5\" data-steps=\"12\"")
        .contains("verdict: 7/12 calls as expected")
        .contains("Tether is not attached: 5 calls that it would refuse went through");
    assertThat(html.split("data-outcome=\"ALLOWED\" data-verdict=\"UNENFORCED\"", -1)).hasSize(6);

    for (String secret : List.of(platformSecret, vaultToken)) {
      assertThat(tree).doesNotContain(secret);
      assertThat(json).doesNotContain(secret);
      assertThat(html).doesNotContain(secret);
    }
    assertThat(System.getProperty("aws.secretAccessKey")).isNull();
  }

  @Test
  void helpPrintsUsageAndBadArgumentsExitWith2() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(DemoMain.run(new String[] {"--help"}, print(out), print(err))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--report FILE", "--html FILE", "--timings FILE", "--quiet");

    assertThat(DemoMain.run(new String[] {"--report"}, print(out), print(err))).isEqualTo(2);
    assertThat(DemoMain.run(new String[] {"--html"}, print(out), print(err))).isEqualTo(2);
    assertThat(DemoMain.run(new String[] {"--timings"}, print(out), print(err))).isEqualTo(2);
    assertThat(DemoMain.run(new String[] {"--html", "--quiet"}, print(out), print(err)))
        .isEqualTo(2);
    assertThat(DemoMain.run(new String[] {"--verbose"}, print(out), print(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--report needs a file name, e.g. --report report.json")
        .contains("--html needs a file name, e.g. --html tree.html")
        .contains("--timings needs a file name, e.g. --timings phases.txt")
        .contains("Unknown argument '--verbose'");
  }

  @Test
  void detectsTheTetherAgentAmongJvmArguments() {
    assertThat(AgentDetection.tetherAttached(List.of("-Xmx1g", "-javaagent:/opt/tether-agent.jar")))
        .isTrue();
    assertThat(
            AgentDetection.tetherAttached(List.of("-javaagent:/opt/opentelemetry-javaagent.jar")))
        .isFalse();
    assertThat(AgentDetection.tetherAttached()).isFalse();
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
