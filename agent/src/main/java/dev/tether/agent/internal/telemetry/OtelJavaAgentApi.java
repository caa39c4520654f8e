package dev.tether.agent.internal.telemetry;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The OpenTelemetry Java agent's own copy of the OpenTelemetry API, which that agent's premain
 * puts on the boot class path under {@code io.opentelemetry.javaagent.shaded}. Through it Tether
 * reads the span current on a thread and marks its own requests as not to be traced. Found by
 * name, never linked: Tether runs the same without that agent.
 *
 * <p>Looked up lazily and, while absent, again at most once a second: the OpenTelemetry agent may
 * be attached after Tether, so its classes can appear after Tether's first span.
 */
final class OtelJavaAgentApi {

  private static final String SHADED = "io.opentelemetry.javaagent.shaded.io.opentelemetry.";
  private static final long RETRY_NANOS = 1_000_000_000L;

  private static volatile OtelJavaAgentApi found;
  private static volatile boolean unusable;
  private static volatile long nextLookup = System.nanoTime();

  /** {@code () -> Span} */
  final MethodHandle currentSpan;
  /** {@code (Span) -> SpanContext} */
  final MethodHandle spanContext;
  /** {@code (SpanContext) -> boolean} */
  final MethodHandle isValid;
  /** {@code (SpanContext) -> boolean} */
  final MethodHandle isSampled;
  /** {@code (SpanContext) -> String} */
  final MethodHandle traceId;
  /** {@code (SpanContext) -> String} */
  final MethodHandle spanId;
  /** {@code (Runnable) -> void}: runs it with that agent's instrumentation suppressed. */
  final MethodHandle suppressInstrumentation;

  private OtelJavaAgentApi(Class<?> span, Class<?> spanContextType, Class<?> instrumentationUtil)
      throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    MethodType toObject = MethodType.methodType(Object.class, Object.class);
    MethodType toBoolean = MethodType.methodType(boolean.class, Object.class);
    MethodType toString = MethodType.methodType(String.class, Object.class);
    currentSpan =
        lookup.findStatic(span, "current", MethodType.methodType(span))
            .asType(MethodType.methodType(Object.class));
    spanContext =
        lookup.findVirtual(span, "getSpanContext", MethodType.methodType(spanContextType))
            .asType(toObject);
    isValid =
        lookup.findVirtual(spanContextType, "isValid", MethodType.methodType(boolean.class))
            .asType(toBoolean);
    isSampled =
        lookup.findVirtual(spanContextType, "isSampled", MethodType.methodType(boolean.class))
            .asType(toBoolean);
    traceId =
        lookup.findVirtual(spanContextType, "getTraceId", MethodType.methodType(String.class))
            .asType(toString);
    spanId =
        lookup.findVirtual(spanContextType, "getSpanId", MethodType.methodType(String.class))
            .asType(toString);
    suppressInstrumentation =
        lookup.findStatic(
            instrumentationUtil,
            "suppressInstrumentation",
            MethodType.methodType(void.class, Runnable.class));
  }

  /** The OpenTelemetry Java agent's API, or null while that agent is not (yet) attached. */
  static OtelJavaAgentApi get() {
    OtelJavaAgentApi api = found;
    if (api != null || unusable || System.nanoTime() - nextLookup < 0) {
      return api;
    }
    synchronized (OtelJavaAgentApi.class) {
      long now = System.nanoTime();
      if (found != null || now - nextLookup < 0) {
        return found;
      }
      nextLookup = now + RETRY_NANOS;
      Class<?> span = bootClass(SHADED + "api.trace.Span");
      if (span == null) {
        return null;
      }
      try {
        found =
            new OtelJavaAgentApi(
                span,
                bootClass(SHADED + "api.trace.SpanContext"),
                bootClass(SHADED + "api.internal.InstrumentationUtil"));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // A release of that agent whose API differs: Tether's spans keep their own traces.
        unusable = true;
        System.err.println(
            "[tether] the OpenTelemetry Java agent is attached, but its API is not the one"
                + " Tether reads (" + e + "): Tether's spans start their own traces, and that"
                + " agent may trace Tether's requests to the Vault");
      }
      return found;
    }
  }

  private static Class<?> bootClass(String name) {
    try {
      return Class.forName(name, false, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
