package dev.tether.vault.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Locale;
import java.util.Map;

/**
 * The Vault's spans: one per request, with the decision and, for a refusal, its reason. Exported
 * as the standard {@code OTEL_TRACES_EXPORTER} says ({@code otlp}, {@code console} or {@code
 * none}, the default), or to an exporter an embedder hands over.
 */
public final class VaultTelemetry implements AutoCloseable {

  public static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("tether.vault.endpoint");
  public static final AttributeKey<String> DECISION = AttributeKey.stringKey("tether.decision");
  public static final AttributeKey<String> REASON = AttributeKey.stringKey("tether.reason");
  public static final AttributeKey<String> REFUSAL = AttributeKey.stringKey("tether.refusal");
  public static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private static final VaultTelemetry NONE = new VaultTelemetry(null);

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private VaultTelemetry(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider == null ? null : provider.get("dev.tether.vault");
  }

  public static VaultTelemetry none() {
    return NONE;
  }

  /** Every span handed to {@code exporter} as it ends (for embedders and tests). */
  public static VaultTelemetry to(SpanExporter exporter) {
    return new VaultTelemetry(SdkTracerProvider.builder()
        .setResource(resource(null))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build());
  }

  /**
   * As the environment says: {@code OTEL_TRACES_EXPORTER} ({@code otlp}, {@code console}, {@code
   * none}; default none), {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT} (default {@code http://localhost:4318}), {@code
   * OTEL_SERVICE_NAME} (default {@code tether-vault}).
   *
   * @throws IllegalArgumentException for an exporter it does not know
   */
  public static VaultTelemetry fromEnvironment(Map<String, String> env) {
    String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "none").strip()
        .toLowerCase(Locale.ROOT);
    SpanExporter spans;
    switch (exporter) {
      case "none":
      case "":
        return NONE;
      case "console":
      case "logging":
        spans = LoggingSpanExporter.create();
        break;
      case "otlp":
        spans = OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint(env)).build();
        break;
      default:
        throw new IllegalArgumentException("OTEL_TRACES_EXPORTER '" + exporter + "' is not one the"
            + " Vault supports; use otlp, console or none");
    }
    return new VaultTelemetry(SdkTracerProvider.builder()
        .setResource(resource(env.get("OTEL_SERVICE_NAME")))
        .addSpanProcessor(BatchSpanProcessor.builder(spans).build())
        .build());
  }

  /** A started span; end it with {@link #allowed} or {@link #refused}. */
  public Span start(String name, String endpoint) {
    if (tracer == null) {
      return Span.getInvalid();
    }
    return tracer.spanBuilder(name).setAttribute(ENDPOINT, endpoint).startSpan();
  }

  public static void allowed(Span span, int status) {
    span.setAttribute(DECISION, "allow");
    span.setAttribute(STATUS, (long) status);
    span.end();
  }

  /** @param message the refusal's message: written for the caller, so free of secrets */
  public static void refused(Span span, int status, String reason, String message) {
    span.setAttribute(DECISION, "deny");
    span.setAttribute(REASON, reason);
    span.setAttribute(REFUSAL, message);
    span.setAttribute(STATUS, (long) status);
    span.setStatus(StatusCode.ERROR, reason);
    span.end();
  }

  @Override
  public void close() {
    if (provider != null) {
      provider.close();
    }
  }

  private static String otlpEndpoint(Map<String, String> env) {
    String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (traces != null && !traces.isBlank()) {
      return traces.strip();
    }
    String base = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318").strip();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
  }

  private static Resource resource(String serviceName) {
    return Resource.getDefault().merge(Resource.create(Attributes.of(
        AttributeKey.stringKey("service.name"),
        serviceName == null || serviceName.isBlank() ? "tether-vault" : serviceName.strip())));
  }
}
