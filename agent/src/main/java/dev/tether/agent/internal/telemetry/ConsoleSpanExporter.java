package dev.tether.agent.internal.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;

/**
 * Prints one line per span to stderr, in the SDK logging exporter's shape: {@code [tether] span
 * 'tether.decision' : <trace id> <span id> INTERNAL [tracer: dev.tether.agent:] <attributes>}. Not
 * that exporter itself: it writes through {@code java.util.logging}, whose own shutdown hook
 * closes its handlers, so spans flushed as the JVM exits (a tool call's derivation, when the
 * application ends right after it) were lost now and then.
 */
final class ConsoleSpanExporter implements SpanExporter {

  private final PrintStream out;

  ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder lines = new StringBuilder();
    for (SpanData span : spans) {
      InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
      lines.append("[tether] span '").append(span.getName()).append("' : ")
          .append(span.getTraceId()).append(' ').append(span.getSpanId()).append(' ')
          .append(span.getKind()).append(" [tracer: ").append(scope.getName()).append(':')
          .append(scope.getVersion() == null ? "" : scope.getVersion()).append("] ")
          .append(span.getAttributes()).append('\n');
    }
    synchronized (out) { // one batch's lines together
      out.print(lines);
      out.flush();
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
