package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * Tether's own OpenTelemetry SDK (relocated, so it never meets the application's). Built at the
 * first span rather than in premain, configured by the standard {@code OTEL_*} variables with the
 * configuration file's exporter as the default.
 */
public final class Telemetry {

  public static final String SPAN_DERIVE = "tether.derive";
  public static final String SPAN_EXCHANGE = "tether.exchange";
  public static final String SPAN_DECISION = "tether.decision";

  private final String defaultExporter;
  private volatile Tracer tracer;

  /** @param exporter {@code otlp}, {@code console} or {@code none} */
  public Telemetry(String exporter) {
    this.defaultExporter = exporter == null ? "otlp" : exporter;
  }

  /** Builds the SDK now (from the start-up thread), so the first tool call does not pay for it. */
  public void warmUp() {
    tracer();
  }

  public SpanHandle start(String name, SpanHandle parent) {
    Tracer t = tracer();
    if (t == null) {
      return SpanHandle.NOOP;
    }
    SpanBuilder builder = t.spanBuilder(name);
    builder.setParent(
        parent == null ? Context.root() : Context.root().with(parent.span()));
    return new SpanHandle(builder.startSpan());
  }

  private Tracer tracer() {
    Tracer t = tracer;
    if (t == null) {
      synchronized (this) {
        t = tracer;
        if (t == null) {
          t = build();
          tracer = t;
        }
      }
    }
    return t == NOOP_TRACER_MARKER ? null : t;
  }

  private static final Tracer NOOP_TRACER_MARKER =
      io.opentelemetry.api.OpenTelemetry.noop().getTracer("tether-noop");

  private Tracer build() {
    String configured = System.getenv("OTEL_TRACES_EXPORTER");
    if (configured == null) {
      configured = System.getProperty("otel.traces.exporter");
    }
    String exporter = configured != null ? configured : defaultExporter;
    if ("none".equals(exporter)) {
      return NOOP_TRACER_MARKER;
    }
    try {
      return AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(
              () ->
                  Map.of(
                      "otel.traces.exporter", defaultExporter,
                      "otel.metrics.exporter", "none",
                      "otel.logs.exporter", "none",
                      "otel.service.name", "tether-agent"))
          .build()
          .getOpenTelemetrySdk()
          .getTracer("dev.tether.agent");
    } catch (RuntimeException e) {
      System.err.println("[tether] telemetry disabled: " + e.getMessage());
      return NOOP_TRACER_MARKER;
    }
  }
}
