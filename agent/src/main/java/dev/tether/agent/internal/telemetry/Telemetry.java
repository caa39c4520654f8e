package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Tether's own OpenTelemetry SDK (relocated, so it never meets the application's). Built on the
 * start-up thread, not in premain, configured by the standard {@code OTEL_*} variables (see
 * {@link TelemetrySettings}) with the configuration file's exporter as the default.
 *
 * <p>A span's parent is the span of the layer it derives from or serves (a tool call's under its
 * turn's, a decision under its tool call's). When the OpenTelemetry Java agent is attached and an
 * application span is current where Tether starts a span in another trace than that parent's, the
 * span joins the application's trace under that span instead, linked to its derivation parent.
 */
public final class Telemetry {

  public static final String SPAN_DERIVE = "tether.derive";
  public static final String SPAN_EXCHANGE = "tether.exchange";
  public static final String SPAN_DECISION = "tether.decision";
  public static final String SPAN_ATTEST = "tether.attest";
  /** The agent learnt that a task, or a tool of it, is revoked, and stopped serving it. */
  public static final String SPAN_CONTAINMENT = "tether.containment";

  private final String defaultExporter;
  private volatile Tracer tracer;

  /** @param exporter {@code otlp}, {@code console} or {@code none} */
  public Telemetry(String exporter) {
    this.defaultExporter = exporter == null ? "otlp" : exporter;
  }

  /** Spans into {@code tracer}, with no export of Tether's own: for tests that read them. */
  public static Telemetry using(Tracer tracer) {
    Telemetry telemetry = new Telemetry("none");
    telemetry.tracer = tracer;
    return telemetry;
  }

  /** Builds the SDK now (from the start-up thread), so the first tool call does not pay for it. */
  public void warmUp() {
    tracer();
  }

  /**
   * Whether spans are recorded at all: where a span is made on every request, a caller skips
   * gathering its attributes when they are not.
   */
  public boolean recording() {
    return tracer() != null;
  }

  public SpanHandle start(String name, SpanHandle parent) {
    Tracer t = tracer();
    if (t == null) {
      return SpanHandle.NOOP;
    }
    SpanBuilder builder = t.spanBuilder(name);
    SpanContext application = ApplicationTrace.currentSpan();
    if (application == null || inSameTrace(parent, application)) {
      builder.setParent(parent == null ? Context.root() : Context.root().with(parent.span()));
    } else {
      // Join the application's trace at the call site; the derivation parent, in a trace of its
      // own, stays one link away (and named by tether.parent.id).
      builder.setParent(Context.root().with(Span.wrap(application)));
      if (parent != null && parent != SpanHandle.NOOP) {
        builder.addLink(parent.span().getSpanContext());
      }
    }
    return new SpanHandle(builder.startSpan());
  }

  private static boolean inSameTrace(SpanHandle parent, SpanContext application) {
    return parent != null
        && parent.span().getSpanContext().getTraceId().equals(application.getTraceId());
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
    TelemetrySettings settings;
    try {
      settings = TelemetrySettings.fromEnvironment(defaultExporter);
      if (settings.isOff()) {
        return NOOP_TRACER_MARKER;
      }
      Tracer built = TracerPipeline.build(settings).get("dev.tether.agent");
      TracerPipeline.exerciseSpanPath();
      return built;
    } catch (TelemetrySettings.InvalidSetting e) {
      System.err.println("[tether] traces are not exported: " + e.getMessage());
      return NOOP_TRACER_MARKER;
    } catch (RuntimeException | LinkageError e) {
      System.err.println("[tether] traces are not exported: the exporter could not start: " + e);
      return NOOP_TRACER_MARKER;
    }
  }
}
