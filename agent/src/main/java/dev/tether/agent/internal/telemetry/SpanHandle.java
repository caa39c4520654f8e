package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** A started span. Attribute values are identifiers and decisions, never secrets. */
public final class SpanHandle {

  static final SpanHandle NOOP = new SpanHandle(Span.getInvalid());

  private final Span span;

  SpanHandle(Span span) {
    this.span = span;
  }

  Span span() {
    return span;
  }

  public SpanHandle attribute(String key, String value) {
    if (value != null && this != NOOP) {
      span.setAttribute(AttributeKey.stringKey(key), value);
    }
    return this;
  }

  public void fail(String reason) {
    span.setStatus(StatusCode.ERROR, reason);
  }

  public void end() {
    span.end();
  }
}
