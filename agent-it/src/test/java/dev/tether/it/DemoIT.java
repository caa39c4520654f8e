package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's demo command, as a user runs it: the demo jar with the agent jar. The report is
 * checked here on its own terms, not only by the demo's verdict: what the S3 server received,
 * which key signed it, and which tool call the Vault issued that key for.
 */
class DemoIT {

  @TempDir Path dir;

  static List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void demoWithTheAgentEnforcesEveryToolCall(Path javaHome) throws Exception {
    Path report = dir.resolve("report.json");
    ForkedJvm.Result result = new ForkedJvm(javaHome).runJar(ForkedJvm.DEMO_JAR, "--report", report.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout()).contains("verdict: 12/12 calls as expected");
    // The pull request reached the code host with a single-use token, worthless once used; the
    // paste site outside the tool's egress received nothing.
    assertThat(result.stdout()).contains("code host API: received 1 request(s)\n",
        "/repos/acme/widgets/pulls → 201, with a single-use token the Vault issued for the tool"
            + " call; the same credential presented again → 401 (worthless once used)");
    assertThat(result.stderr()).as("spans on the console").contains("'tether.derive'").contains("'tether.decision'").contains("'tether.exchange'");
    // The loop is LangChain4j's AiServices: each model response's tool phase is a turn narrowed to
    // the tools it asked for, and each call the model asked for is one tool-call derivation under
    // the model's call id.
    assertThat(result.stdout()).contains("agent loop: LangChain4j AiServices with a scripted chat model");
    List<String> derivations = result.stderr().lines().filter(l -> l.contains("'tether.derive'")).toList();
    assertThat(derivations).as(result.stderr()).filteredOn(l -> l.contains("tether.narrowed=tool-phase")).hasSize(2);
    for (String id : List.of("t1.1", "t1.2", "t2.1", "t2.2", "t2.3")) {
      assertThat(derivations).as("the tool-call derivation of model call %s", id)
          .filteredOn(l -> l.contains("tether.layer=tool_call") && l.matches(".*gen_ai\\.tool\\.call\\.id=" + Pattern.quote(id) + "[,}].*"))
          .hasSize(1);
    }

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.get("agentAttached").asBoolean()).isTrue();
    assertThat(json.get("matched").asBoolean()).isTrue();

    Map<String, JsonNode> issuanceByKey = new HashMap<>();
    json.get("issuances").forEach(i -> issuanceByKey.put(i.get("accessKeyId").asText(), i));
    String platformKey = json.get("platformAccessKeyId").asText();

    Map<String, Set<String>> keysByTool = new HashMap<>();
    int allowedInTools = 0;
    for (JsonNode call : json.get("calls")) {
      String tool = call.get("tool").isNull() ? null : call.get("tool").asText();
      String bucket = call.get("bucket").isNull() ? null : call.get("bucket").asText();
      String key = call.get("key").isNull() ? null : call.get("key").asText();
      if (call.get("operation").asText().equals("POST")) {
        continue; // HTTP steps: judged by the demo against the code host's log, checked above
      }
      if (call.get("expected").asText().equals("ALLOWED")) {
        allowedInTools++;
        assertThat(call.get("outcome").asText()).as(call.toString()).isEqualTo("ALLOWED");
        assertThat(call.get("serverAccessKeyIds")).as(call.toString()).hasSize(1);
        String accessKeyId = call.get("serverAccessKeyIds").get(0).asText();
        assertThat(accessKeyId).isNotEqualTo(platformKey);
        JsonNode issuance = issuanceByKey.get(accessKeyId);
        assertThat(issuance).as("the Vault issued %s", accessKeyId).isNotNull();
        assertThat(issuance.get("tool").asText()).isEqualTo(tool);
        assertThat(issuance.get("taskId").asText()).isEqualTo("t-demo-1");
        assertFourNarrowingLayers(issuance, tool);
        keysByTool.computeIfAbsent(tool, t -> new HashSet<>()).add(accessKeyId);
      } else {
        assertThat(call.get("outcome").asText()).as(call.toString()).isEqualTo("REFUSED");
        assertThat(call.get("detail").asText()).startsWith("Tether refused");
        for (JsonNode received : json.get("serverRequests")) {
          if (bucket != null && key != null) {
            assertThat(bucket.equals(received.get("bucket").asText()) && key.equals(received.get("key").asText()))
                .as("refused %s/%s never reached the server", bucket, key).isFalse();
          }
        }
      }
    }
    assertThat(allowedInTools).isGreaterThanOrEqualTo(6);
    // One key per tool call, never shared between tool calls; the platform key never used.
    assertThat(keysByTool).hasSize(4).allSatisfy((tool, keys) -> assertThat(keys).hasSize(1));
    Set<String> distinct = new HashSet<>();
    keysByTool.values().forEach(distinct::addAll);
    assertThat(distinct).hasSize(4);
    json.get("serverRequests").forEach(r -> assertThat(r.get("accessKeyId").asText()).isNotEqualTo(platformKey));
  }

  @Test
  void standardOtelVariablesOverrideTheConfiguredExporter() throws Exception {
    ForkedJvm.Result result =
        new ForkedJvm(ForkedJvm.javaHomes().get(0)).env("OTEL_TRACES_EXPORTER", "none").runJar(ForkedJvm.DEMO_JAR);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stderr()).doesNotContain("tether.derive").doesNotContain("tether.decision");
  }

  @Test
  void demoWithoutTheAgentShowsWhatWentUnenforced() throws Exception {
    ForkedJvm.Result result = new ForkedJvm(ForkedJvm.javaHomes().get(0)).withoutAgent().runJar(ForkedJvm.DEMO_JAR);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.stdout()).contains("Tether is not attached").contains("UNENFORCED");
  }

  /**
   * Grant, task, turn (the tool phase of one model response, narrowed to the tools it asked for),
   * tool call (one tool).
   */
  private static void assertFourNarrowingLayers(JsonNode issuance, String tool) {
    JsonNode layers = issuance.get("layers");
    assertThat(layers).as(issuance.toString()).hasSize(4);
    List<String> kinds = new ArrayList<>();
    layers.forEach(l -> kinds.add(l.get("layer").asText()));
    assertThat(kinds).containsExactly("grant", "task", "turn", "tool");
    assertThat(layers.get(0).get("tools")).hasSize(5);
    int planned = layers.get(2).get("tools").toString().contains("openPullRequest") ? 3 : 2;
    assertThat(layers.get(2).get("tools")).as("the turn holds the tools its model response asked for only")
        .hasSize(planned);
    assertThat(layers.get(3).get("tools")).hasSize(1);
    assertThat(layers.get(3).get("tools").get(0).asText()).isEqualTo(tool);
    for (int i = 1; i < 4; i++) {
      Set<String> parent = new HashSet<>();
      layers.get(i - 1).get("tools").forEach(t -> parent.add(t.asText()));
      layers.get(i).get("tools").forEach(t -> assertThat(parent).contains(t.asText()));
      assertThat(layers.get(i).get("expiresAt").asLong())
          .isLessThanOrEqualTo(layers.get(i - 1).get("expiresAt").asLong());
    }
    long toolLifetime = layers.get(3).get("expiresAt").asLong() - layers.get(3).get("issuedAt").asLong();
    assertThat(toolLifetime).isLessThanOrEqualTo(60);
    assertThat(issuance.get("delegation").get(0).asText()).isEqualTo("user:alice");
  }
}
