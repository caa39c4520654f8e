package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds Tether's own tracer provider from {@link TelemetrySettings}: the SDK, one batch processor
 * per exporter, the {@link SpanMetrics} processor when metrics are exported, and a shutdown hook
 * that flushes what is left of both when the JVM exits. Built directly rather than through the
 * SDK's autoconfiguration module, which loads twice the classes and defaults OTLP to gRPC, a
 * transport this agent does not ship.
 */
final class TracerPipeline {

  /** The providers built; {@code meters} is {@code null} when metrics are not exported. */
  record Providers(SdkTracerProvider tracers, SdkMeterProvider meters) {
    CompletableResultCode shutdown() {
      List<CompletableResultCode> results = new ArrayList<>(2);
      results.add(tracers.shutdown());
      if (meters != null) {
        results.add(meters.shutdown());
      }
      return CompletableResultCode.ofAll(results);
    }
  }

  private static final Duration CONSOLE_DELAY = Duration.ofMillis(100);

  private TracerPipeline() {}

  /**
   * Creates and ends one span on a provider that records nothing, so that the classes every span
   * needs are loaded and initialized on the start-up thread rather than in the first tool call.
   */
  static void exerciseSpanPath() {
    SdkTracerProvider idle =
        SdkTracerProvider.builder().addSpanProcessor(new DiscardingProcessor()).build();
    Span parent = idle.get("tether-warm-up").spanBuilder("warm-up").startSpan();
    Span child =
        idle.get("tether-warm-up")
            .spanBuilder("warm-up")
            .setParent(Context.root().with(parent))
            .startSpan();
    child.setAttribute(AttributeKey.stringKey("tether.warm-up"), "yes");
    child.setStatus(StatusCode.ERROR, "warm-up");
    child.end();
    parent.end();
    idle.close();
  }

  static SdkTracerProvider build(TelemetrySettings settings) {
    return start(settings).tracers();
  }

  /**
   * With spans exported but not metrics, or the reverse, the tracer provider still ends every
   * span: into the exporters' processors, into {@link SpanMetrics}, or both.
   */
  static Providers start(TelemetrySettings settings) {
    Resource resource = resource(settings);
    SdkTracerProviderBuilder provider = SdkTracerProvider.builder().setResource(resource);
    for (String exporter : settings.exporters()) {
      if (exporter.equals("console")) {
        // Printed soon after each span ends, by the processor's thread: never on the tool's.
        provider.addSpanProcessor(
            BatchSpanProcessor.builder(new ConsoleSpanExporter(System.err))
                .setScheduleDelay(CONSOLE_DELAY)
                .build());
      } else if (exporter.equals("zipkin")) {
        provider.addSpanProcessor(batch(
            new ZipkinJsonSpanExporter(settings.zipkinEndpoint(), settings.timeout()), settings));
      } else {
        provider.addSpanProcessor(batch(otlp(settings), settings));
      }
    }
    // After the spans' exporters, which throw on a setting they cannot honour: no metrics
    // reader is started for a provider that is never built.
    SdkMeterProvider meters = meters(settings.metrics(), resource);
    if (meters != null) {
      provider.addSpanProcessor(new SpanMetrics(meters.get(MeterPipeline.SCOPE)));
      // A span under an unsampled application span is not exported, but still counted.
      provider.setSampler(
          Sampler.parentBasedBuilder(Sampler.alwaysOn())
              .setRemoteParentNotSampled(RecordOnly.INSTANCE)
              .setLocalParentNotSampled(RecordOnly.INSTANCE)
              .build());
    }
    Providers built = new Providers(provider.build(), meters);
    Runtime.getRuntime().addShutdownHook(new FlushOnExit(built));
    if (meters != null) {
      MeterPipeline.exerciseMetricPath();
    }
    return built;
  }

  /** A metrics exporter that cannot start leaves the spans alone: they are the audit trail. */
  private static SdkMeterProvider meters(MetricSettings settings, Resource resource) {
    try {
      return MeterPipeline.build(settings, resource);
    } catch (TelemetrySettings.InvalidSetting e) {
      System.err.println("[tether] metrics are not exported: " + e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      System.err.println("[tether] metrics are not exported: the exporter could not start: " + e);
    }
    return null;
  }

  /** Records the span (its processors see it end) without sampling it (no exporter sees it). */
  private static final class RecordOnly implements Sampler {
    static final RecordOnly INSTANCE = new RecordOnly();

    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return SamplingResult.recordOnly();
    }

    @Override
    public String getDescription() {
      return "RecordOnly";
    }
  }

  /** Flushes spans and metrics still queued when the JVM exits, for up to 5 s. */
  private static final class FlushOnExit extends Thread {
    private final Providers providers;

    FlushOnExit(Providers providers) {
      super("tether-telemetry-flush");
      this.providers = providers;
    }

    @Override
    public void run() {
      providers.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /** Ends spans into nothing; reads each as an exporter would. A provider without one records nothing. */
  private static final class DiscardingProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      span.toSpanData();
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  static Resource resource(TelemetrySettings settings) {
    AttributesBuilder attributes = Attributes.builder();
    for (Map.Entry<String, String> attribute : settings.resourceAttributes().entrySet()) {
      attributes.put(attribute.getKey(), attribute.getValue());
    }
    attributes.put("service.name", settings.serviceName());
    attributes.put("telemetry.sdk.name", "opentelemetry");
    attributes.put("telemetry.sdk.language", "java");
    attributes.put("telemetry.distro.name", "tether-agent");
    return Resource.create(attributes.build());
  }

  private static BatchSpanProcessor batch(SpanExporter exporter, TelemetrySettings settings) {
    return BatchSpanProcessor.builder(exporter)
        .setScheduleDelay(settings.scheduleDelay())
        .setMaxQueueSize(settings.maxQueueSize())
        .setMaxExportBatchSize(Math.min(settings.maxExportBatchSize(), settings.maxQueueSize()))
        .setExporterTimeout(settings.exportTimeout())
        .build();
  }

  private static SpanExporter otlp(TelemetrySettings settings) {
    OtlpHttpSpanExporterBuilder otlp =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(settings.endpoint())
            .setTimeout(settings.timeout())
            .setCompression(settings.compression())
            // The agent's own loader: the relocated HTTP sender is registered there.
            .setServiceClassLoader(TracerPipeline.class.getClassLoader());
    settings.headers().forEach(otlp::addHeader);
    if (settings.certificateFile() != null) {
      otlp.setTrustedCertificates(read(settings.certificateFile(), "OTEL_EXPORTER_OTLP_CERTIFICATE"));
    }
    if (settings.clientKeyFile() != null || settings.clientCertificateFile() != null) {
      if (settings.clientKeyFile() == null || settings.clientCertificateFile() == null) {
        throw new TelemetrySettings.InvalidSetting(
            "OTEL_EXPORTER_OTLP_CLIENT_KEY and OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE go together: set both or neither");
      }
      otlp.setClientTls(
          read(settings.clientKeyFile(), "OTEL_EXPORTER_OTLP_CLIENT_KEY"),
          read(settings.clientCertificateFile(), "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE"));
    }
    return otlp.build();
  }

  static byte[] read(String file, String setting) {
    try {
      return Files.readAllBytes(Paths.get(file));
    } catch (IOException e) {
      throw new TelemetrySettings.InvalidSetting(setting + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
