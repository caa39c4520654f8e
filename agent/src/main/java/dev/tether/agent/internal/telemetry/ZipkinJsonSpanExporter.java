package dev.tether.agent.internal.telemetry;

import dev.tether.agent.internal.http.DirectHttp;
import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Exports spans to Zipkin's v2 JSON API ({@code POST /api/v2/spans}), for {@code
 * OTEL_TRACES_EXPORTER=zipkin}: the OpenTelemetry SDK no longer ships a Zipkin exporter, and Zipkin
 * does not read OTLP. The mapping is the one the specification gives (trace and span ids in hex,
 * microseconds, attributes as tags, an error status as the {@code error} tag, the service name as
 * the local endpoint). Runs on the batch processor's thread, never a tool's.
 */
final class ZipkinJsonSpanExporter implements SpanExporter {

  private final URI endpoint;
  private final int timeoutMillis;
  private volatile boolean shutdown;

  ZipkinJsonSpanExporter(String endpoint, Duration timeout) {
    this.endpoint = URI.create(endpoint);
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    List<JsonValue> json = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      json.add(zipkin(span));
    }
    try {
      int status = post(JsonWriter.writeUtf8(JsonArray.of(json)));
      return status / 100 == 2 ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
    } catch (IOException | RuntimeException e) {
      return CompletableResultCode.ofFailure();
    }
  }

  static JsonObject zipkin(SpanData span) {
    JsonObject.Builder json = JsonObject.builder()
        .put("traceId", span.getTraceId())
        .put("id", span.getSpanId())
        .put("name", span.getName())
        .put("timestamp", JsonNumber.of(span.getStartEpochNanos() / 1_000))
        .put("duration", JsonNumber.of(
            Math.max(1, (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000)))
        .put("localEndpoint", JsonObject.builder()
            .put("serviceName", serviceName(span))
            .build());
    if (span.getParentSpanContext().isValid()) {
      json.put("parentId", span.getParentSpanContext().getSpanId());
    }
    String kind = kind(span.getKind());
    if (kind != null) {
      json.put("kind", kind);
    }
    JsonObject.Builder tags = JsonObject.builder();
    span.getAttributes().forEach((key, value) -> tags.put(key.getKey(), String.valueOf(value)));
    if (span.getStatus().getStatusCode() == StatusCode.ERROR
        && span.getAttributes().get(AttributeKey.stringKey("error")) == null) {
      String description = span.getStatus().getDescription();
      tags.put("error", description == null || description.isEmpty() ? "true" : description);
    }
    return json.put("tags", tags.build()).build();
  }

  private static String serviceName(SpanData span) {
    String name = span.getResource().getAttribute(AttributeKey.stringKey("service.name"));
    return name == null ? TelemetrySettings.DEFAULT_SERVICE_NAME : name;
  }

  private static String kind(SpanKind kind) {
    switch (kind) {
      case SERVER:
        return "SERVER";
      case CLIENT:
        return "CLIENT";
      case PRODUCER:
        return "PRODUCER";
      case CONSUMER:
        return "CONSUMER";
      default:
        return null; // INTERNAL: Zipkin has no kind for it
    }
  }

  private int post(byte[] body) throws IOException {
    return DirectHttp.exchange(endpoint, "POST", Map.of("Content-Type", "application/json"), body,
        timeoutMillis, timeoutMillis).status();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }
}
