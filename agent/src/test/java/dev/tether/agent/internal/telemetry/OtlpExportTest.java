package dev.tether.agent.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans and the metrics counted from them reach an OTLP/HTTP receiver on loopback, in protobuf,
 * with the configured headers; either signal goes without the other.
 */
class OtlpExportTest {

  private record Received(String path, String contentType, String tenant, byte[] body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer collector;

  @BeforeEach
  void startCollector() throws Exception {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("x-tenant"),
                  exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());
    environment.put("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme");
    environment.put("OTEL_SERVICE_NAME", "coder-runtime");
    return environment;
  }

  @Test
  void spansAreExportedAsProtobufToTheTracesPath() {
    Map<String, String> environment = environment();
    environment.put("OTEL_METRICS_EXPORTER", "none");
    TelemetrySettings settings = TelemetrySettings.read(key -> null, environment::get, "otlp");

    SdkTracerProvider provider = TracerPipeline.build(settings);
    Span span = provider.get("dev.tether.agent").spanBuilder(Telemetry.SPAN_DERIVE).startSpan();
    span.setAttribute("tether.layer", "tool_call");
    span.end();
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.contentType()).isEqualTo("application/x-protobuf");
    assertThat(request.tenant()).isEqualTo("acme");
    String body = new String(request.body(), StandardCharsets.ISO_8859_1);
    assertThat(body).contains(Telemetry.SPAN_DERIVE).contains("tool_call").contains("coder-runtime");
  }

  @Test
  void metricsCountedFromTheSpansGoToTheMetricsPathWhenThePipelineShutsDown() {
    TelemetrySettings settings = TelemetrySettings.read(key -> null, environment()::get, "otlp");
    assertThat(settings.metrics().exporters()).containsExactly("otlp"); // with the spans' OTLP

    TracerPipeline.Providers providers = TracerPipeline.start(settings);
    endDenial(providers);
    assertThat(providers.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    assertThat(received).extracting(Received::path).contains("/v1/traces", "/v1/metrics");
    Received metrics = only("/v1/metrics");
    assertThat(metrics.contentType()).isEqualTo("application/x-protobuf");
    assertThat(metrics.tenant()).isEqualTo("acme");
    assertThat(new String(metrics.body(), StandardCharsets.ISO_8859_1))
        .contains(SpanMetrics.DECISIONS).contains(SpanMetrics.DENIALS).contains("tether.guard")
        .contains("readOwn").contains("coder-runtime")
        .doesNotContain("outside the tool's scope"); // the reason is the span's, not the metric's
  }

  @Test
  void metricsGoWithoutSpansAndTheSpansStillEndIntoTheCounts() {
    Map<String, String> environment = environment();
    environment.put("OTEL_TRACES_EXPORTER", "none");
    environment.put("OTEL_METRICS_EXPORTER", "otlp");
    environment.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "http://127.0.0.1:" + collector.getAddress().getPort() + "/custom/metrics");
    TelemetrySettings settings = TelemetrySettings.read(key -> null, environment::get, "otlp");
    assertThat(settings.isOff()).isFalse();

    TracerPipeline.Providers providers = TracerPipeline.start(settings);
    endDenial(providers);
    providers.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(received).extracting(Received::path).containsOnly("/custom/metrics");
    assertThat(new String(only("/custom/metrics").body(), StandardCharsets.ISO_8859_1))
        .contains(SpanMetrics.DENIALS);
  }

  @Test
  void anUnreadableMetricsCertificateLeavesTheSpansAlone() {
    Map<String, String> environment = environment();
    environment.put("OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE", "/nonexistent/ca.pem");
    TelemetrySettings settings = TelemetrySettings.read(key -> null, environment::get, "otlp");

    TracerPipeline.Providers providers = TracerPipeline.start(settings);
    assertThat(providers.meters()).isNull();
    endDenial(providers);
    providers.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(received).extracting(Received::path).containsOnly("/v1/traces");
  }

  @Test
  void aSpanUnderAnUnsampledApplicationSpanIsNotExportedButCounted() {
    TracerPipeline.Providers providers =
        TracerPipeline.start(TelemetrySettings.read(key -> null, environment()::get, "otlp"));
    SpanContext application = SpanContext.createFromRemoteParent(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(),
        TraceState.getDefault());
    SpanHandle unsampled = new SpanHandle(providers.tracers().get("dev.tether.agent")
        .spanBuilder(Telemetry.SPAN_DECISION).setParent(Context.root().with(Span.wrap(application)))
        .startSpan());
    unsampled.attribute("tether.decision", "deny").attribute("tether.tool", "unsampledTool")
        .fail("outside the tool's scope");
    unsampled.end();
    endDenial(providers);
    providers.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(new String(only("/v1/traces").body(), StandardCharsets.ISO_8859_1))
        .contains("readOwn").doesNotContain("unsampledTool");
    assertThat(new String(only("/v1/metrics").body(), StandardCharsets.ISO_8859_1))
        .contains("readOwn").contains("unsampledTool");
  }

  private static void endDenial(TracerPipeline.Providers providers) {
    SpanHandle span = new SpanHandle(
        providers.tracers().get("dev.tether.agent").spanBuilder(Telemetry.SPAN_DECISION).startSpan());
    span.attribute("tether.decision", "deny").attribute("tether.aws.action", "s3:GetObject")
        .attribute("tether.tool", "readOwn").fail("outside the tool's scope");
    span.end();
  }

  private Received only(String path) {
    List<Received> matching = received.stream().filter(r -> r.path().equals(path)).toList();
    assertThat(matching).as(path).hasSize(1);
    return matching.get(0);
  }
}
