package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo, with the agent exporting to a real trace backend: Zipkin's own server (its executable
 * jar, started here), queried through Zipkin's API afterwards. One tool call's whole derivation
 * tree is there with its parent links: task → turn → tool call → its exchange and its decision.
 */
class ZipkinTraceIT {

  static final Path ZIPKIN_JAR = Paths.get("target", "zipkin", "zipkin-server.jar");
  static final String SERVICE = "tether-demo-it";

  static Process zipkin;
  static URI zipkinUrl;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startZipkin() throws Exception {
    assertThat(ZIPKIN_JAR).as("copied by mvn generate-test-resources").exists();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    zipkinUrl = URI.create("http://127.0.0.1:" + port);
    Path log = Files.createTempFile("zipkin", ".log");
    ProcessBuilder builder = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", ZIPKIN_JAR.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("QUERY_PORT", Integer.toString(port));
    builder.environment().put("STORAGE_TYPE", "mem");
    zipkin = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!healthy()) {
      assertThat(zipkin.isAlive()).as("Zipkin exited: " + Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("Zipkin did not start: " + Files.readString(log))
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stopZipkin() throws Exception {
    if (zipkin != null) {
      zipkin.destroy();
      zipkin.waitFor();
    }
  }

  private static boolean healthy() {
    try {
      return http.send(HttpRequest.newBuilder(zipkinUrl.resolve("/health")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aToolCallsWholeDerivationTreeIsInZipkinWithItsParentLinks() throws Exception {
    ForkedJvm.Result demo = new ForkedJvm(ForkedJvm.javaHomes().get(0))
        // System properties: the agent reads them, the demo's embedded Vault does not.
        .property("otel.traces.exporter", "zipkin")
        .property("otel.exporter.zipkin.endpoint", zipkinUrl.resolve("/api/v2/spans"))
        .property("otel.service.name", SERVICE)
        .runJar(ForkedJvm.DEMO_JAR);
    assertThat(demo.exitCode()).as(demo.all()).isZero();

    // The agent flushed its spans as the demo exited; Zipkin stores them as they arrive.
    List<JsonNode> spans = spans();
    JsonNode task = one(spans, span -> layer(span, "task"));
    List<JsonNode> tools = all(spans, span -> layer(span, "tool_call")
        && "fetchSources".equals(tag(span, "tether.tool")));
    assertThat(tools).as("fetchSources ran once").hasSize(1);
    JsonNode tool = tools.get(0);
    JsonNode turn = one(spans, span -> span.get("id").asText().equals(tool.path("parentId").asText()));
    assertThat(tag(turn, "tether.layer")).isEqualTo("turn");
    assertThat(turn.path("parentId").asText()).as("the turn is under the task")
        .isEqualTo(task.get("id").asText());
    JsonNode exchange = one(spans, span -> span.get("name").asText().equals("tether.exchange")
        && span.path("parentId").asText().equals(tool.get("id").asText()));
    assertThat(tag(exchange, "tether.credential.id")).startsWith("ASIA");
    List<JsonNode> decisions = all(spans, span -> span.get("name").asText().equals("tether.decision")
        && span.path("parentId").asText().equals(tool.get("id").asText()));
    assertThat(decisions).extracting(d -> tag(d, "tether.decision")).containsOnly("allow");
    assertThat(decisions).extracting(d -> tag(d, "tether.credential.id"))
        .containsOnly(tag(exchange, "tether.credential.id"));
    for (JsonNode span : List.of(task, turn, tool, exchange, decisions.get(0))) {
      assertThat(span.get("traceId").asText()).as("one trace").isEqualTo(task.get("traceId").asText());
      assertThat(span.path("localEndpoint").path("serviceName").asText()).isEqualTo(SERVICE);
    }
    // A refusal is there too, as an error.
    JsonNode refused = one(spans, span -> "deny".equals(tag(span, "tether.decision"))
        && "readBuildLog".equals(tag(span, "tether.tool")));
    assertThat(tag(refused, "error")).contains("outside the tool's scope");
  }

  /** Every span of the service's traces, after Zipkin has them all (it stores as it receives). */
  private static List<JsonNode> spans() throws Exception {
    List<JsonNode> spans = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      spans.clear();
      JsonNode traces = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(zipkinUrl
              .resolve("/api/v2/traces?serviceName=" + SERVICE + "&limit=1000&lookback=3600000"))
              .build(), HttpResponse.BodyHandlers.ofString()).body());
      traces.forEach(trace -> trace.forEach(spans::add));
      boolean complete = spans.stream().anyMatch(span -> "deny".equals(tag(span, "tether.decision")))
          && spans.stream().anyMatch(span -> layer(span, "task"));
      if (complete || System.nanoTime() > deadline) {
        return spans;
      }
      Thread.sleep(200);
    }
  }

  private static boolean layer(JsonNode span, String layer) {
    return span.get("name").asText().equals("tether.derive") && layer.equals(tag(span, "tether.layer"));
  }

  private static String tag(JsonNode span, String key) {
    JsonNode value = span.path("tags").get(key);
    return value == null ? null : value.asText();
  }

  private static JsonNode one(List<JsonNode> spans, Predicate<JsonNode> which) {
    List<JsonNode> found = all(spans, which);
    assertThat(found).as("exactly one such span among " + spans.size()).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> all(List<JsonNode> spans, Predicate<JsonNode> which) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode span : spans) {
      if (which.test(span)) {
        found.add(span);
      }
    }
    return found;
  }
}
