package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The application's span current on this thread, as the OpenTelemetry Java agent sees it: the
 * span Tether's spans join, so that a derivation or decision appears in the trace of the request
 * or tool call it served. Tether's SDK and that agent's share no classes, so the span crosses as
 * ids, the way a remote parent does. Its trace state is not carried over.
 */
final class ApplicationTrace {

  private ApplicationTrace() {}

  /** The current application span's context, or null when there is none (or no such agent). */
  static SpanContext currentSpan() {
    OtelJavaAgentApi api = OtelJavaAgentApi.get();
    if (api == null) {
      return null;
    }
    try {
      Object context = api.spanContext.invokeExact(api.currentSpan.invokeExact());
      if (!(boolean) api.isValid.invokeExact(context)) {
        return null;
      }
      return SpanContext.createFromRemoteParent(
          (String) api.traceId.invokeExact(context),
          (String) api.spanId.invokeExact(context),
          (boolean) api.isSampled.invokeExact(context)
              ? TraceFlags.getSampled()
              : TraceFlags.getDefault(),
          TraceState.getDefault());
    } catch (Throwable e) {
      // Reading another agent's context must never fail a tool's call: keep Tether's own trace.
      return null;
    }
  }
}
