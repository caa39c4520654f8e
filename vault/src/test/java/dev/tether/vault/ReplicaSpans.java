package dev.tether.vault;

import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one replica's spans by name and outcome ({@code allow}, or the refusal's reason) without
 * keeping them: a test of 100,000 requests needs the counts only.
 */
final class ReplicaSpans implements SpanExporter {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      String reason = span.getAttributes().get(VaultTelemetry.REASON);
      String outcome = reason != null ? reason : span.getAttributes().get(VaultTelemetry.DECISION);
      counts.computeIfAbsent(span.getName() + " " + outcome, k -> new LongAdder()).increment();
    }
    return CompletableResultCode.ofSuccess();
  }

  /** Outcomes of spans named {@code name}, e.g. {@code {allow=50, token_used=49950}}. */
  Map<String, Long> outcomes(String name) {
    Map<String, Long> outcomes = new TreeMap<>();
    counts.forEach((key, count) -> {
      if (key.startsWith(name + " ")) {
        outcomes.put(key.substring(name.length() + 1), count.sum());
      }
    });
    return outcomes;
  }

  /** The outcomes of several replicas, added up. */
  static Map<String, Long> sum(String name, ReplicaSpans... replicas) {
    Map<String, Long> total = new TreeMap<>();
    for (ReplicaSpans replica : replicas) {
      replica.outcomes(name).forEach((outcome, count) -> total.merge(outcome, count, Long::sum));
    }
    return total;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
