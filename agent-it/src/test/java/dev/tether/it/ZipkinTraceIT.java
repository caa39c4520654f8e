package dev.tether.it;

import static dev.tether.it.ZipkinServer.all;
import static dev.tether.it.ZipkinServer.derivation;
import static dev.tether.it.ZipkinServer.one;
import static dev.tether.it.ZipkinServer.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo, with the agent exporting to a real trace backend: Zipkin's own server (its executable
 * jar, started here), queried through Zipkin's API afterwards. One tool call's whole derivation
 * tree is there with its parent links: task → turn → tool call → its exchange and its decision.
 */
class ZipkinTraceIT {

  static final String SERVICE = "tether-demo-it";

  static ZipkinServer zipkin;

  @BeforeAll
  static void startZipkin() throws Exception {
    zipkin = ZipkinServer.shared();
  }

  @Test
  void aToolCallsWholeDerivationTreeIsInZipkinWithItsParentLinks() throws Exception {
    ForkedJvm.Result demo = new ForkedJvm(ForkedJvm.javaHomes().get(0))
        // System properties: the agent reads them, the demo's embedded Vault does not.
        .property("otel.traces.exporter", "zipkin")
        .property("otel.exporter.zipkin.endpoint", zipkin.spansEndpoint())
        .property("otel.service.name", SERVICE)
        .runJar(ForkedJvm.DEMO_JAR);
    assertThat(demo.exitCode()).as(demo.all()).isZero();

    // The agent flushed its spans as the demo exited; Zipkin stores them as they arrive.
    List<JsonNode> spans = zipkin.spans(SERVICE, received ->
        received.stream().anyMatch(span -> "deny".equals(tag(span, "tether.decision")))
            && received.stream().anyMatch(span -> derivation(span, "task")));
    JsonNode task = one(spans, span -> derivation(span, "task"));
    List<JsonNode> tools = all(spans, span -> derivation(span, "tool_call")
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
}
