package dev.tether.agent.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
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

/** Spans reach an OTLP/HTTP receiver on loopback, in protobuf, with the configured headers. */
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

  @Test
  void spansAreExportedAsProtobufToTheTracesPath() {
    Map<String, String> environment = new HashMap<>();
    environment.put(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());
    environment.put("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme");
    environment.put("OTEL_SERVICE_NAME", "coder-runtime");
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
}
