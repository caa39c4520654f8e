package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Map;

/**
 * Builds the meter provider behind {@link SpanMetrics} from {@link MetricSettings}: one periodic
 * reader per exporter, collecting and exporting on its own thread.
 */
final class MeterPipeline {

  static final String SCOPE = "dev.tether.agent";

  private MeterPipeline() {}

  /** @return {@code null} when metrics are not exported */
  static SdkMeterProvider build(MetricSettings settings, Resource resource) {
    if (settings.exporters().isEmpty()) {
      return null;
    }
    SdkMeterProviderBuilder meters = SdkMeterProvider.builder().setResource(resource);
    for (String exporter : settings.exporters()) {
      MetricExporter metricExporter =
          exporter.equals("console") ? new ConsoleMetricExporter(System.err) : otlp(settings);
      meters.registerMetricReader(
          PeriodicMetricReader.builder(metricExporter)
              .setInterval(settings.interval())
              .setExporterTimeout(settings.exportTimeout())
              .build());
    }
    return meters.build();
  }

  /**
   * Ends one span of each counted kind on a provider whose metrics nobody reads, so that the
   * classes that count them are loaded on the start-up thread rather than in the first tool call.
   */
  static void exerciseMetricPath() {
    SdkMeterProvider idleMeters = SdkMeterProvider.builder().registerMetricReader(new IdleReader()).build();
    SdkTracerProvider idle =
        SdkTracerProvider.builder().addSpanProcessor(new SpanMetrics(idleMeters.get(SCOPE))).build();
    Tracer tracer = idle.get("tether-warm-up");
    Span decision = tracer.spanBuilder(Telemetry.SPAN_DECISION).startSpan();
    decision.setAttribute(SpanMetrics.DECISION, "deny");
    decision.setAttribute(SpanMetrics.TOOL, "warm-up");
    decision.end();
    Span exchange = tracer.spanBuilder(Telemetry.SPAN_EXCHANGE).startSpan();
    exchange.setAttribute(SpanMetrics.LAYER, "upstream_credential");
    exchange.setStatus(StatusCode.ERROR, "warm-up");
    exchange.end();
    Span derive = tracer.spanBuilder(Telemetry.SPAN_DERIVE).startSpan();
    derive.setAttribute(SpanMetrics.LAYER, "tool_call");
    derive.end();
    idle.close();
    idleMeters.close();
  }

  private static MetricExporter otlp(MetricSettings settings) {
    OtlpHttpMetricExporterBuilder otlp =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(settings.endpoint())
            .setTimeout(settings.timeout())
            .setCompression(settings.compression())
            .setAggregationTemporalitySelector(temporality(settings.temporality()))
            // The agent's own loader: the relocated HTTP sender is registered there.
            .setServiceClassLoader(MeterPipeline.class.getClassLoader());
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      otlp.addHeader(header.getKey(), header.getValue());
    }
    if (settings.certificateFile() != null) {
      otlp.setTrustedCertificates(
          TracerPipeline.read(settings.certificateFile(), "OTEL_EXPORTER_OTLP_[METRICS_]CERTIFICATE"));
    }
    if (settings.clientKeyFile() != null) { // with its certificate: MetricSettings checked both
      otlp.setClientTls(
          TracerPipeline.read(settings.clientKeyFile(), "OTEL_EXPORTER_OTLP_[METRICS_]CLIENT_KEY"),
          TracerPipeline.read(settings.clientCertificateFile(), "OTEL_EXPORTER_OTLP_[METRICS_]CLIENT_CERTIFICATE"));
    }
    return otlp.build();
  }

  private static AggregationTemporalitySelector temporality(String preference) {
    switch (preference) {
      case "delta":
        return AggregationTemporalitySelector.deltaPreferred();
      case "lowmemory":
        return AggregationTemporalitySelector.lowMemory();
      default:
        return AggregationTemporalitySelector.alwaysCumulative();
    }
  }

  /** Registered so that the idle provider's instruments record; never collected. */
  private static final class IdleReader implements MetricReader {
    @Override
    public void register(CollectionRegistration registration) {}

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
