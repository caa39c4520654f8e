package dev.tether.it;

import static dev.tether.it.ZipkinServer.all;
import static dev.tether.it.ZipkinServer.id;
import static dev.tether.it.ZipkinServer.name;
import static dev.tether.it.ZipkinServer.parentId;
import static dev.tether.it.ZipkinServer.tag;
import static dev.tether.it.ZipkinServer.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tether beside the OpenTelemetry Java agent, attached in either order, both exporting to one
 * Zipkin server. Neither breaks the other: the demo still goes exactly as Tether promises (every
 * allowed S3 request signed with the key the Vault issued for its tool call, every refusal before
 * anything is sent, the pull request with a single-use token), and the OpenTelemetry agent still
 * traces the application's calls. Tether's decisions and exchanges join the trace of the
 * application span current where they happen (here the OpenTelemetry agent's span of the tool
 * method), and that agent traces none of Tether's own requests (Vault, span export).
 */
class TwoAgentsIT {

  static final Path OTEL_AGENT = Paths.get("target", "otel-javaagent", "opentelemetry-javaagent.jar");
  static final String TOOLS_CLASS = "dev.tether.demo.agent.DevTools";
  static final List<String> TOOLS =
      List.of("fetchSources", "readBuildLog", "writePatch", "publishReport", "openPullRequest");

  static ZipkinServer zipkin;

  @BeforeAll
  static void startZipkin() throws Exception {
    zipkin = ZipkinServer.shared();
  }

  @ParameterizedTest(name = "OpenTelemetry agent attached {0} Tether")
  @ValueSource(strings = {"after", "before"})
  void bothAgentsDoTheirWorkInOneTrace(String order) throws Exception {
    assertThat(OTEL_AGENT).as("copied by mvn generate-test-resources").exists();
    String otel = "-javaagent:" + OTEL_AGENT.toAbsolutePath();
    ForkedJvm jvm = new ForkedJvm(ForkedJvm.javaHomes().get(0));
    if (order.equals("before")) {
      jvm.withoutAgent().jvmArg(otel).jvmArg("-javaagent:" + ForkedJvm.AGENT_JAR.toAbsolutePath());
    } else {
      jvm.jvmArg(otel);
    }
    String service = "two-agents-" + order;
    ForkedJvm.Result demo = jvm
        // Both agents read the standard settings: both export to the same Zipkin.
        .property("otel.traces.exporter", "zipkin")
        .property("otel.exporter.zipkin.endpoint", zipkin.spansEndpoint())
        .property("otel.service.name", service)
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        // The OpenTelemetry agent gives each tool method a span: the application span current
        // at Tether's call sites.
        .property("otel.instrumentation.methods.include",
            TOOLS_CLASS + "[" + String.join(",", TOOLS) + "]")
        .runJar(ForkedJvm.DEMO_JAR);

    assertThat(demo.exitCode()).as(demo.all()).isZero();
    assertThat(demo.stdout()).as(demo.all())
        .contains("verdict: 12/12 calls as expected")
        .contains("with a single-use token the Vault issued for the tool call; the same credential"
            + " presented again → 401");

    List<JsonNode> spans = zipkin.spans(service, received ->
        received.stream().anyMatch(span -> name(span).equals("s3.getobject"))
            && received.stream().anyMatch(span -> "deny".equals(tag(span, "tether.decision"))));
    Map<String, JsonNode> byId = new HashMap<>();
    spans.forEach(span -> byId.put(id(span), span));

    // The OpenTelemetry agent traced the application's calls and its tool methods.
    assertThat(spans).extracting(ZipkinServer::name)
        .contains("s3.getobject", "s3.putobject")
        .contains(TOOLS.stream().map(tool -> ("DevTools." + tool).toLowerCase(Locale.ROOT))
            .toArray(String[]::new));

    // Every Tether decision and exchange of a tool call sits under that tool method's span, in
    // its trace.
    List<JsonNode> atCallSites = all(spans, span -> tag(span, "tether.tool") != null
        && (name(span).equals("tether.decision") || name(span).equals("tether.exchange")));
    assertThat(atCallSites).as("decisions and exchanges of tool calls").hasSizeGreaterThan(10);
    for (JsonNode span : atCallSites) {
      String method = ("DevTools." + tag(span, "tether.tool")).toLowerCase(Locale.ROOT);
      assertThat(ancestorNames(span, byId))
          .as("%s of %s (%s) under the tool method's span", name(span), tag(span, "tether.tool"),
              span.path("tags"))
          .contains(method);
    }
    assertThat(all(spans, span -> name(span).startsWith("tether.")
        && byId.containsKey(parentId(span))
        && !name(byId.get(parentId(span))).startsWith("tether.")))
        .as("Tether spans whose parent is an application span").isNotEmpty();

    // Tether's own requests are not the application's: the OpenTelemetry agent traced none.
    for (JsonNode span : all(spans, span -> span.path("kind").asText().equals("CLIENT"))) {
      assertThat(span.path("tags").toString())
          .as("a span of Tether's own request: %s", span)
          .doesNotContain("/v1/tasks")
          .doesNotContain("/v1/aws/credentials")
          .doesNotContain("/v1/api-tokens")
          .doesNotContain("/v1/attestations")
          .doesNotContain("/v1/github/tokens")
          .doesNotContain("/api/v2/spans");
    }
  }

  /** The names of the span's ancestors, nearest first, within its trace. */
  private static List<String> ancestorNames(JsonNode span, Map<String, JsonNode> byId) {
    List<String> names = new java.util.ArrayList<>();
    JsonNode parent = byId.get(parentId(span));
    while (parent != null && traceId(parent).equals(traceId(span))) {
      names.add(name(parent));
      parent = byId.get(parentId(parent));
    }
    return names;
  }
}
