package dev.tether.agent.internal.telemetry;

import dev.tether.agent.internal.telemetry.TelemetrySettings.InvalidSetting;
import dev.tether.agent.internal.telemetry.TelemetrySettings.Source;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard {@code OTEL_*} settings of Tether's metrics ({@link SpanMetrics}), read as {@link
 * TelemetrySettings} reads those of the spans: {@code ..._METRICS_...} wins over the general
 * {@code OTEL_EXPORTER_OTLP_...} setting.
 *
 * @param exporters {@code otlp} and/or {@code console}; empty when metrics are not exported
 * @param interval how often the metrics are collected and exported ({@code OTEL_METRIC_EXPORT_INTERVAL})
 * @param exportTimeout how long one collection and export may take ({@code OTEL_METRIC_EXPORT_TIMEOUT})
 * @param temporality {@code cumulative}, {@code delta} or {@code lowmemory}, for the OTLP exporter
 * @param invalidSetting why metrics are off although asked for: a setting that cannot be honoured;
 *     {@code null} otherwise
 */
public record MetricSettings(
    List<String> exporters,
    String endpoint,
    Map<String, String> headers,
    Duration timeout,
    String compression,
    String certificateFile,
    String clientKeyFile,
    String clientCertificateFile,
    Duration interval,
    Duration exportTimeout,
    String temporality,
    String invalidSetting) {

  static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/metrics";
  private static final List<String> EXPORTERS = List.of("otlp", "console");
  private static final List<String> TEMPORALITIES = List.of("cumulative", "delta", "lowmemory");

  /**
   * @param defaultExporter what {@code OTEL_METRICS_EXPORTER} means when it is not set
   * @throws InvalidSetting naming the setting and what to write instead
   */
  static MetricSettings read(Source source, String defaultExporter) {
    List<String> exporters =
        TelemetrySettings.exporters(source, "otel.metrics.exporter", defaultExporter, EXPORTERS);
    if (exporters.isEmpty()) {
      return off(null);
    }
    String endpoint = source.value("otel.exporter.otlp.metrics.endpoint", null);
    if (endpoint == null) {
      String base = source.value("otel.exporter.otlp.endpoint", null);
      endpoint = base == null ? DEFAULT_ENDPOINT : base.replaceAll("/+$", "") + "/v1/metrics";
    }
    if (exporters.contains("otlp")) {
      String protocol = metrics(source, "protocol", "http/protobuf");
      if (!protocol.equals("http/protobuf")) {
        throw new InvalidSetting(
            source.nameOf(source.signalName("metrics", "protocol")) + "=" + protocol
                + " is not supported: Tether exports OTLP over HTTP; set it to http/protobuf"
                + " (the collector's port 4318) or unset it");
      }
      TelemetrySettings.checkUrl(
          source, source.signalName("metrics", "endpoint"), endpoint, "http://collector:4318");
    }
    String compression = metrics(source, "compression", "none");
    if (!compression.equals("none") && !compression.equals("gzip")) {
      throw new InvalidSetting(
          source.nameOf(source.signalName("metrics", "compression")) + "=" + compression
              + " is not supported: use gzip or none");
    }
    String clientKey = metrics(source, "client.key", null);
    String clientCertificate = metrics(source, "client.certificate", null);
    if ((clientKey == null) != (clientCertificate == null)) {
      throw new InvalidSetting(
          source.nameOf(source.signalName("metrics", clientKey == null ? "client.certificate" : "client.key"))
              + " is set without "
              + source.nameOf(source.signalName("metrics", clientKey == null ? "client.key" : "client.certificate"))
              + ": a client key and certificate for mutual TLS go together; set both or neither");
    }
    String temporality =
        metrics(source, "temporality.preference", "cumulative").trim().toLowerCase(Locale.ROOT);
    if (!TEMPORALITIES.contains(temporality)) {
      throw new InvalidSetting(
          source.nameOf(source.signalName("metrics", "temporality.preference")) + "="
              + source.value(source.signalName("metrics", "temporality.preference"), "")
              + " is not supported: use cumulative, delta or lowmemory");
    }
    return new MetricSettings(
        exporters,
        endpoint,
        TelemetrySettings.pairs(source, source.signalName("metrics", "headers")),
        source.duration(source.signalName("metrics", "timeout"), Duration.ofSeconds(10)),
        compression,
        metrics(source, "certificate", null),
        clientKey,
        clientCertificate,
        positive(source, "otel.metric.export.interval", Duration.ofSeconds(60)),
        positive(source, "otel.metric.export.timeout", Duration.ofSeconds(30)),
        temporality,
        null);
  }

  /** @param invalidSetting why, when a setting could not be honoured; {@code null} when not asked for */
  static MetricSettings off(String invalidSetting) {
    return new MetricSettings(
        List.of(), DEFAULT_ENDPOINT, Map.of(), Duration.ofSeconds(10), "none", null, null, null,
        Duration.ofSeconds(60), Duration.ofSeconds(30), "cumulative", invalidSetting);
  }

  private static String metrics(Source source, String suffix, String otherwise) {
    return source.value(source.signalName("metrics", suffix), otherwise);
  }

  private static Duration positive(Source source, String property, Duration otherwise) {
    Duration duration = source.duration(property, otherwise);
    if (duration.isZero()) {
      throw new InvalidSetting(
          source.nameOf(property) + "=" + source.value(property, "")
              + " must be longer than zero: write milliseconds (60000) or 60s");
    }
    return duration;
  }
}
