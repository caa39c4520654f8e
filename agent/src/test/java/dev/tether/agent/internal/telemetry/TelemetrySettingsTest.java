package dev.tether.agent.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetrySettingsTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private TelemetrySettings read(String configured) {
    return TelemetrySettings.read(properties::get, environment::get, configured);
  }

  @Test
  void defaultsAreOtlpOverHttpToTheLocalCollector() {
    TelemetrySettings settings = read(null);
    assertThat(settings.exporters()).containsExactly("otlp");
    assertThat(settings.endpoint()).isEqualTo("http://localhost:4318/v1/traces");
    assertThat(settings.serviceName()).isEqualTo("tether-agent");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.compression()).isEqualTo("none");
  }

  @Test
  void theConfigurationFileGivesTheDefaultAndTheEnvironmentOverridesIt() {
    assertThat(read("console").exporters()).containsExactly("console");
    environment.put("OTEL_TRACES_EXPORTER", "otlp,logging");
    assertThat(read("console").exporters()).containsExactly("otlp", "console");
    properties.put("otel.traces.exporter", "none");
    assertThat(read("console").isOff()).isTrue();
  }

  @Test
  void theGeneralEndpointGetsTheTracesPathAndTheSpecificOneIsTakenAsIs() {
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector.internal:4318/");
    assertThat(read(null).endpoint()).isEqualTo("https://collector.internal:4318/v1/traces");
    environment.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://other:9999/custom");
    assertThat(read(null).endpoint()).isEqualTo("http://other:9999/custom");
  }

  @Test
  void headersAndResourceAttributesArePercentDecodedPairs() {
    environment.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc,x-tenant=acme");
    environment.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=coder");
    TelemetrySettings settings = read(null);
    assertThat(settings.headers()).containsEntry("authorization", "Bearer abc").containsEntry("x-tenant", "acme");
    assertThat(settings.serviceName()).isEqualTo("coder");
    environment.put("OTEL_SERVICE_NAME", "agent-runtime");
    assertThat(read(null).serviceName()).isEqualTo("agent-runtime");
  }

  @Test
  void tracesSpecificSettingsWinAndDurationsTakeUnits() {
    environment.put("OTEL_EXPORTER_OTLP_TIMEOUT", "2500");
    environment.put("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip");
    environment.put("OTEL_BSP_SCHEDULE_DELAY", "200ms");
    environment.put("OTEL_BSP_EXPORT_TIMEOUT", "3s");
    TelemetrySettings settings = read(null);
    assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.compression()).isEqualTo("gzip");
    assertThat(settings.scheduleDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.exportTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void theSdkCanBeDisabled() {
    environment.put("OTEL_SDK_DISABLED", "true");
    assertThat(read("console").isOff()).isTrue();
  }

  @Test
  void grpcIsRefusedWithWhatToWriteInstead() {
    environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    assertThatThrownBy(() -> read(null))
        .isInstanceOf(TelemetrySettings.InvalidSetting.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported")
        .hasMessageContaining("http/protobuf");
    environment.put("OTEL_TRACES_EXPORTER", "console");
    assertThat(read(null).exporters()).containsExactly("console"); // no OTLP, no protocol to check
  }

  @Test
  void zipkinPostsToItsOwnEndpoint() {
    environment.put("OTEL_TRACES_EXPORTER", "zipkin");
    assertThat(read(null).exporters()).containsExactly("zipkin");
    assertThat(read(null).zipkinEndpoint()).isEqualTo("http://localhost:9411/api/v2/spans");
    properties.put("otel.exporter.zipkin.endpoint", "http://zipkin.internal:9411/api/v2/spans");
    assertThat(read(null).zipkinEndpoint()).isEqualTo("http://zipkin.internal:9411/api/v2/spans");
    environment.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "zipkin:9411");
    properties.clear();
    assertThatThrownBy(() -> read(null)).hasMessageContaining(
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT is not an http(s) URL with a host: write it as"
            + " http://zipkin:9411/api/v2/spans");
  }

  @Test
  void unknownExportersAndBadValuesAreNamed() {
    environment.put("OTEL_TRACES_EXPORTER", "jaeger");
    assertThatThrownBy(() -> read(null)).hasMessageContaining("exporter 'jaeger' is not supported")
        .hasMessageContaining("use otlp, zipkin, console or none");
    environment.remove("OTEL_TRACES_EXPORTER");
    properties.put("otel.exporter.otlp.endpoint", "collector:4318");
    assertThatThrownBy(() -> read(null)).hasMessageContaining("-Dotel.exporter.otlp.endpoint is not an http(s) URL");
    properties.remove("otel.exporter.otlp.endpoint");
    environment.put("OTEL_BSP_MAX_QUEUE_SIZE", "-1");
    assertThatThrownBy(() -> read(null)).hasMessageContaining("OTEL_BSP_MAX_QUEUE_SIZE=-1 must be a positive whole number");
    environment.remove("OTEL_BSP_MAX_QUEUE_SIZE");
    environment.put("OTEL_EXPORTER_OTLP_TIMEOUT", "soon");
    assertThatThrownBy(() -> read(null)).hasMessageContaining("OTEL_EXPORTER_OTLP_TIMEOUT=soon is not a duration");
    environment.put("OTEL_EXPORTER_OTLP_TIMEOUT", "-5");
    assertThatThrownBy(() -> read(null)).hasMessageContaining("OTEL_EXPORTER_OTLP_TIMEOUT=-5 is not a duration");
  }

  @Test
  void aMalformedHeaderIsNamedWithoutItsValue() {
    environment.put("OTEL_EXPORTER_OTLP_HEADERS", "s3cr3t-token-value");
    assertThatThrownBy(() -> read(null))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS has an entry without a key")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void metricsGoWhereTheSpansGoOverOtlpUnlessToldOtherwise() {
    MetricSettings metrics = read(null).metrics();
    assertThat(metrics.exporters()).containsExactly("otlp");
    assertThat(metrics.endpoint()).isEqualTo("http://localhost:4318/v1/metrics");
    assertThat(metrics.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(metrics.exportTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(metrics.temporality()).isEqualTo("cumulative");
    assertThat(metrics.invalidSetting()).isNull();
    // spans to the console, to Zipkin or nowhere: no metrics unless asked for
    assertThat(read("console").metrics().exporters()).isEmpty();
    environment.put("OTEL_TRACES_EXPORTER", "zipkin");
    assertThat(read(null).metrics().exporters()).isEmpty();
    environment.put("OTEL_TRACES_EXPORTER", "none");
    assertThat(read(null).isOff()).isTrue();
    environment.put("OTEL_METRICS_EXPORTER", "console,otlp");
    TelemetrySettings metricsOnly = read(null);
    assertThat(metricsOnly.exporters()).isEmpty();
    assertThat(metricsOnly.metrics().exporters()).containsExactly("console", "otlp");
    assertThat(metricsOnly.isOff()).isFalse();
    environment.put("OTEL_TRACES_EXPORTER", "otlp");
    environment.put("OTEL_METRICS_EXPORTER", "none");
    assertThat(read(null).metrics().exporters()).isEmpty();
    assertThat(read(null).isOff()).isFalse();
  }

  @Test
  void metricsSpecificSettingsWinOverTheGeneralOnes() {
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector.internal:4318/");
    environment.put("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme");
    environment.put("OTEL_EXPORTER_OTLP_TIMEOUT", "2500");
    environment.put("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip");
    MetricSettings general = read(null).metrics();
    assertThat(general.endpoint()).isEqualTo("https://collector.internal:4318/v1/metrics");
    assertThat(general.headers()).containsExactly(Map.entry("x-tenant", "acme"));
    assertThat(general.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(general.compression()).isEqualTo("gzip");

    environment.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://metrics:9090/api/v1/otlp/v1/metrics");
    environment.put("OTEL_EXPORTER_OTLP_METRICS_HEADERS", "authorization=Bearer%20m");
    environment.put("OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "1s");
    environment.put("OTEL_EXPORTER_OTLP_METRICS_COMPRESSION", "none");
    environment.put("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "Delta");
    environment.put("OTEL_METRIC_EXPORT_INTERVAL", "500");
    properties.put("otel.metric.export.timeout", "2s");
    TelemetrySettings settings = read(null);
    MetricSettings metrics = settings.metrics();
    assertThat(metrics.endpoint()).isEqualTo("http://metrics:9090/api/v1/otlp/v1/metrics");
    assertThat(metrics.headers()).containsExactly(Map.entry("authorization", "Bearer m"));
    assertThat(metrics.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(metrics.compression()).isEqualTo("none");
    assertThat(metrics.temporality()).isEqualTo("delta");
    assertThat(metrics.interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(metrics.exportTimeout()).isEqualTo(Duration.ofSeconds(2));
    // the spans keep the general settings
    assertThat(settings.endpoint()).isEqualTo("https://collector.internal:4318/v1/traces");
    assertThat(settings.compression()).isEqualTo("gzip");
  }

  @Test
  void aBadMetricsSettingTurnsOffTheMetricsOnlyAndSaysWhatToWrite() {
    assertMetricsRefused("OTEL_METRICS_EXPORTER", "prometheus",
        "OTEL_METRICS_EXPORTER=prometheus: exporter 'prometheus' is not supported by Tether; use otlp, console or none",
        "Prometheus' OTLP receiver");
    assertMetricsRefused("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "grpc",
        "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=grpc is not supported", "http/protobuf");
    assertMetricsRefused("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "collector:4318",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is not an http(s) URL with a host", "http://collector:4318");
    assertMetricsRefused("OTEL_EXPORTER_OTLP_METRICS_COMPRESSION", "brotli",
        "OTEL_EXPORTER_OTLP_METRICS_COMPRESSION=brotli is not supported", "use gzip or none");
    assertMetricsRefused("OTEL_METRIC_EXPORT_INTERVAL", "0",
        "OTEL_METRIC_EXPORT_INTERVAL=0 must be longer than zero", "60s");
    assertMetricsRefused("OTEL_METRIC_EXPORT_INTERVAL", "every minute",
        "OTEL_METRIC_EXPORT_INTERVAL=every minute is not a duration", "10s");
    assertMetricsRefused("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "sometimes",
        "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=sometimes is not supported",
        "cumulative, delta or lowmemory");
    assertMetricsRefused("OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY", "/etc/tls/client.key",
        "OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY is set without OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
        "set both or neither");
    properties.put("otel.exporter.otlp.metrics.headers", "s3cr3t-token-value");
    MetricSettings metrics = read(null).metrics();
    assertThat(metrics.invalidSetting())
        .contains("-Dotel.exporter.otlp.metrics.headers has an entry without a key")
        .doesNotContain("s3cr3t");
  }

  @Test
  void unsetMetricsSettingsAreNotCheckedWhenMetricsAreOff() {
    environment.put("OTEL_METRICS_EXPORTER", "none");
    environment.put("OTEL_METRIC_EXPORT_INTERVAL", "0");
    assertThat(read(null).metrics().invalidSetting()).isNull();
    environment.put("OTEL_SDK_DISABLED", "true");
    environment.put("OTEL_METRICS_EXPORTER", "otlp");
    assertThat(read(null).isOff()).isTrue();
  }

  private void assertMetricsRefused(String variable, String value, String message, String advice) {
    environment.put(variable, value);
    TelemetrySettings settings = read(null);
    assertThat(settings.metrics().exporters()).as(variable).isEmpty();
    assertThat(settings.metrics().invalidSetting()).as(variable).contains(message).contains(advice);
    assertThat(settings.exporters()).as("spans, with " + variable).containsExactly("otlp");
    environment.remove(variable);
  }
}
