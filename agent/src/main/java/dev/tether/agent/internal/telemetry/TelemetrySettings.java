package dev.tether.agent.internal.telemetry;

import dev.tether.agent.internal.config.Durations;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The standard {@code OTEL_*} settings that apply to Tether's traces and metrics, read the way the
 * OpenTelemetry SDK reads them: a system property ({@code otel.exporter.otlp.endpoint}) wins over
 * the environment variable ({@code OTEL_EXPORTER_OTLP_ENDPOINT}); a signal-specific setting
 * ({@code ..._TRACES_...}) wins over the general one. OTLP goes over HTTP with protobuf.
 *
 * @param exporters the spans' exporters: {@code otlp}, {@code zipkin} and/or {@code console};
 *     empty when spans are not exported
 * @param zipkinEndpoint where the {@code zipkin} exporter posts (Zipkin's v2 JSON API)
 * @param metrics the metrics counted from the spans, and where they go
 */
public record TelemetrySettings(
    List<String> exporters,
    String endpoint,
    Map<String, String> headers,
    Duration timeout,
    String compression,
    String certificateFile,
    String clientKeyFile,
    String clientCertificateFile,
    String serviceName,
    Map<String, String> resourceAttributes,
    Duration scheduleDelay,
    int maxQueueSize,
    int maxExportBatchSize,
    Duration exportTimeout,
    String zipkinEndpoint,
    MetricSettings metrics) {

  static final String DEFAULT_ZIPKIN_ENDPOINT = "http://localhost:9411/api/v2/spans";
  static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/traces";
  static final String DEFAULT_SERVICE_NAME = "tether-agent";

  /** A setting that cannot be honoured; the message names it and says what to write instead. */
  public static final class InvalidSetting extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSetting(String message) {
      super(message);
    }
  }

  /**
   * From this process's system properties and environment. A metrics setting that cannot be
   * honoured turns metrics off, not the spans (the audit trail), and is reported here: with spans
   * off too, nothing else runs that could report it.
   */
  public static TelemetrySettings fromEnvironment(String configuredExporter) {
    TelemetrySettings settings = read(System::getProperty, System::getenv, configuredExporter);
    if (settings.metrics().invalidSetting() != null) {
      System.err.println("[tether] metrics are not exported: " + settings.metrics().invalidSetting());
    }
    return settings;
  }

  /**
   * @param properties system properties by name ({@code otel.traces.exporter})
   * @param environment environment variables by name ({@code OTEL_TRACES_EXPORTER})
   * @param configuredExporter the configuration file's {@code telemetry.exporter}, the default
   */
  static TelemetrySettings read(
      Function<String, String> properties,
      Function<String, String> environment,
      String configuredExporter) {
    Source source = new Source(properties, environment);
    if (source.bool("otel.sdk.disabled")) {
      return off();
    }
    List<String> exporters =
        exporters(source, "otel.traces.exporter",
            configuredExporter == null ? "otlp" : configuredExporter, TRACE_EXPORTERS);
    String protocol = source.traces("protocol", "http/protobuf");
    if (exporters.contains("otlp") && !"http/protobuf".equals(protocol)) {
      throw new InvalidSetting(
          source.nameOf(source.tracesName("protocol")) + "="
              + protocol + " is not supported: Tether exports OTLP over HTTP; set it to http/protobuf"
              + " (the collector's port 4318) or unset it");
    }
    String endpoint = source.value("otel.exporter.otlp.traces.endpoint", null);
    if (endpoint == null) {
      String base = source.value("otel.exporter.otlp.endpoint", null);
      endpoint = base == null ? DEFAULT_ENDPOINT : base.replaceAll("/+$", "") + "/v1/traces";
    }
    checkUrl(source, endpoint);
    String zipkinEndpoint = source.value("otel.exporter.zipkin.endpoint", DEFAULT_ZIPKIN_ENDPOINT);
    if (exporters.contains("zipkin")) {
      checkUrl(source, "otel.exporter.zipkin.endpoint", zipkinEndpoint,
          "http://zipkin:9411/api/v2/spans");
    }
    String compression = source.traces("compression", "none");
    if (!compression.equals("none") && !compression.equals("gzip")) {
      throw new InvalidSetting(
          source.nameOf(source.tracesName("compression"))
              + "=" + compression + " is not supported: use gzip or none");
    }
    Map<String, String> resource = pairs(source, "otel.resource.attributes");
    String serviceName = source.value("otel.service.name", resource.getOrDefault("service.name", DEFAULT_SERVICE_NAME));
    return new TelemetrySettings(
        exporters,
        endpoint,
        pairs(source, source.tracesName("headers")),
        source.duration(source.tracesName("timeout"), Duration.ofSeconds(10)),
        compression,
        source.traces("certificate", null),
        source.traces("client.key", null),
        source.traces("client.certificate", null),
        serviceName,
        resource,
        source.duration("otel.bsp.schedule.delay", Duration.ofSeconds(5)),
        source.positiveInt("otel.bsp.max.queue.size", 2048),
        source.positiveInt("otel.bsp.max.export.batch.size", 512),
        source.duration("otel.bsp.export.timeout", Duration.ofSeconds(30)),
        zipkinEndpoint,
        metrics(source, exporters));
  }

  /**
   * Without {@code OTEL_METRICS_EXPORTER}, metrics go where the spans go over OTLP, and nowhere
   * when the spans do not go over OTLP (the console, Zipkin, none): a console would get a metrics
   * dump every minute, a Zipkin-only setup has no OTLP receiver.
   */
  private static MetricSettings metrics(Source source, List<String> traceExporters) {
    try {
      return MetricSettings.read(source, traceExporters.contains("otlp") ? "otlp" : "none");
    } catch (InvalidSetting e) {
      return MetricSettings.off(e.getMessage());
    }
  }

  static TelemetrySettings off() {
    return new TelemetrySettings(
        List.of(), DEFAULT_ENDPOINT, Map.of(), Duration.ofSeconds(10), "none", null, null, null,
        DEFAULT_SERVICE_NAME, Map.of(), Duration.ofSeconds(5), 2048, 512, Duration.ofSeconds(30),
        DEFAULT_ZIPKIN_ENDPOINT, MetricSettings.off(null));
  }

  /** Neither spans nor metrics are exported: no SDK is built at all. */
  public boolean isOff() {
    return exporters.isEmpty() && metrics.exporters().isEmpty();
  }

  private static final List<String> TRACE_EXPORTERS = List.of("otlp", "zipkin", "console");

  /**
   * A comma-separated list of {@code supported} exporter names, {@code logging} (the SDK's older
   * name for {@code console}) or {@code none}; empty for {@code none}.
   */
  static List<String> exporters(Source source, String property, String otherwise, List<String> supported) {
    String value = source.value(property, otherwise);
    List<String> result = new ArrayList<>();
    for (String part : value.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.equals("none")) {
        return List.of();
      }
      if (name.equals("logging")) {
        name = "console";
      }
      if (supported.contains(name)) {
        if (!result.contains(name)) {
          result.add(name);
        }
      } else if (!name.isEmpty()) {
        throw new InvalidSetting(
            source.nameOf(property) + "=" + value + ": exporter '" + name
                + "' is not supported by Tether; use " + String.join(", ", supported) + " or none"
                + (name.equals("prometheus") && property.equals("otel.metrics.exporter")
                    ? " (use otlp with OTEL_EXPORTER_OTLP_METRICS_ENDPOINT set to Prometheus' OTLP"
                        + " receiver, http://prometheus:9090/api/v1/otlp/v1/metrics, or a collector)"
                    : ""));
      }
    }
    return List.copyOf(result);
  }

  private static void checkUrl(Source source, String endpoint) {
    checkUrl(source, source.tracesName("endpoint"), endpoint, "http://collector:4318");
  }

  static void checkUrl(Source source, String name, String endpoint, String example) {
    try {
      URI uri = new URI(endpoint);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (Exception e) {
      throw new InvalidSetting(
          source.nameOf(name) + " is not an http(s) URL with a host: write it as " + example);
    }
  }

  /** {@code key1=value1,key2=value2}, values percent-decoded, as the SDK reads headers and resource attributes. */
  static Map<String, String> pairs(Source source, String name) {
    String value = source.value(name, null);
    Map<String, String> result = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return result;
    }
    for (String pair : value.split(",")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? "" : pair.substring(0, equals).trim();
      if (key.isEmpty()) {
        // Never echo the value: headers carry credentials.
        throw new InvalidSetting(source.nameOf(name) + " has an entry without a key: write key=value,key2=value2");
      }
      try {
        result.put(key, URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new InvalidSetting(source.nameOf(name) + ": the value of '" + key + "' has a bad %-escape");
      }
    }
    return result;
  }

  /** Where values come from: the system property, else the environment variable of the same name. */
  static final class Source {
    private final Function<String, String> properties;
    private final Function<String, String> environment;

    Source(Function<String, String> properties, Function<String, String> environment) {
      this.properties = properties;
      this.environment = environment;
    }

    boolean has(String property) {
      return raw(property) != null;
    }

    String value(String property, String otherwise) {
      String value = raw(property);
      return value == null ? otherwise : value;
    }

    /** {@code otel.exporter.otlp.traces.<suffix>} when it is set, else {@code otel.exporter.otlp.<suffix>}. */
    String tracesName(String suffix) {
      return signalName("traces", suffix);
    }

    String traces(String suffix, String otherwise) {
      return value(tracesName(suffix), otherwise);
    }

    /** {@code otel.exporter.otlp.<signal>.<suffix>} when it is set, else {@code otel.exporter.otlp.<suffix>}. */
    String signalName(String signal, String suffix) {
      String specific = "otel.exporter.otlp." + signal + "." + suffix;
      return has(specific) ? specific : "otel.exporter.otlp." + suffix;
    }

    boolean bool(String property) {
      String value = raw(property);
      if (value == null) {
        return false;
      }
      if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
      }
      throw new InvalidSetting(nameOf(property) + "=" + value + " must be true or false");
    }

    int positiveInt(String property, int otherwise) {
      String value = raw(property);
      if (value == null) {
        return otherwise;
      }
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
      throw new InvalidSetting(nameOf(property) + "=" + value + " must be a positive whole number");
    }

    /**
     * Milliseconds, as the OpenTelemetry SDK reads these settings, or one of the configuration
     * file's forms ({@link Durations}: {@code 500ms}, {@code 10s}, {@code 2m}).
     */
    Duration duration(String property, Duration otherwise) {
      String value = raw(property);
      if (value == null) {
        return otherwise;
      }
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
          return Duration.ofMillis(Long.parseLong(v));
        }
        return Durations.parse(v);
      } catch (IllegalArgumentException e) { // NumberFormatException included
        throw new InvalidSetting(
            nameOf(property) + "=" + value + " is not a duration: write milliseconds (10000) or 10s");
      }
    }

    /** How the user set {@code property}: {@code -Dotel.x.y} or {@code OTEL_X_Y}. */
    String nameOf(String property) {
      return properties.apply(property) != null ? "-D" + property : envName(property);
    }

    private String raw(String property) {
      String value = properties.apply(property);
      return value != null ? value : environment.apply(envName(property));
    }

    private static String envName(String property) {
      return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }
  }
}
