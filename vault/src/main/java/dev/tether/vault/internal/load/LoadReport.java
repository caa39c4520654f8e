package dev.tether.vault.internal.load;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonWriter;
import dev.tether.vault.internal.apitoken.SingleUseTokens;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of a load run: one summary line, and the same as JSON. */
public final class LoadReport {

  /** What a client does per measured request, for whoever reads the figures. */
  public static final String CLIENT_WORK = "per request the client takes the next prepared"
      + " request, writes its bytes (request line, Authorization, a Tether-PoP proof made"
      + " before the segment, a JSON body with a tool-call token derived before the segment) to"
      + " its kept-alive loopback connection, reads the status line, headers and body, and"
      + " records the time from the write to the body's last byte; the first answer of each"
      + " segment per client is decoded strictly, the others checked by status and shape";

  private final LoadPlan plan;
  private final String target;
  private final PhaseResult warmup;
  private final PhaseResult timed;
  private final String loadBefore;
  private final String loadAfter;

  LoadReport(LoadPlan plan, String target, PhaseResult warmup, PhaseResult timed,
      String loadBefore, String loadAfter) {
    this.plan = plan;
    this.target = target;
    this.warmup = warmup;
    this.timed = timed;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
  }

  /** Errors in either phase: every exchange must succeed. */
  public long errorCount() {
    return warmup.errorCount() + timed.errorCount();
  }

  /**
   * What to change on the command line when the errors are the run's own doing rather than the
   * Vault's; {@code null} otherwise. An API-token run mints tokens that no resource server spends,
   * and the Vault keeps at most {@link SingleUseTokens#CAPACITY} unspent ones (each for five
   * minutes past its tool call), so a long run fills it and the rest are refused.
   */
  public String advice() {
    if (errors().keySet().stream().noneMatch(what -> what.endsWith(" token_capacity"))) {
      return null;
    }
    return String.format(Locale.ROOT, "the Vault holds at most %,d unspent API tokens and no"
        + " resource server spends those of a load run: keep an api-token run under that many"
        + " exchanges, warm-up included (e.g. --warmup 15s --duration 10s at up to 8,000/s)",
        SingleUseTokens.CAPACITY);
  }

  /** Measured exchanges per second. */
  public double rate() {
    return timed.rate();
  }

  /** One line: the rate, the latencies, the errors, and what was run. */
  public String summary() {
    long[] sorted = timed.latencies();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "load %s: %.1f exchanges/s over %.2f s (%d exchanges, %d errors",
        plan.kind().wireName(), timed.rate(), timed.seconds(), timed.exchanges(), errorCount()));
    Map<String, Long> errors = errors();
    if (!errors.isEmpty()) {
      line.append(": ");
      String separator = "";
      for (Map.Entry<String, Long> error : errors.entrySet()) {
        line.append(separator).append(error.getKey()).append(" x").append(error.getValue());
        separator = ", ";
      }
    }
    line.append(String.format(Locale.ROOT,
        "); latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f; CPU us/exchange %.0f (clients %.0f);"
            + " other processes %.0f%% of the cores; %d clients, %d tasks, %s proofs, %s",
        millis(LatencyLog.percentile(sorted, 50)), millis(LatencyLog.percentile(sorted, 90)),
        millis(LatencyLog.percentile(sorted, 99)), millis(max(sorted)),
        timed.cpuMicrosPerExchange(timed.processCpuNanos()),
        timed.cpuMicrosPerExchange(timed.clientCpuNanos()), 100 * timed.othersCpuShare(),
        plan.concurrency(), plan.tasks(), proofs(), target));
    return line.toString();
  }

  /** The report as JSON (snake_case names; times in seconds, latencies in milliseconds). */
  public String json() {
    long[] sorted = timed.latencies();
    JsonObject.Builder latency = JsonObject.builder()
        .put("p50", decimal(millis(LatencyLog.percentile(sorted, 50))))
        .put("p90", decimal(millis(LatencyLog.percentile(sorted, 90))))
        .put("p99", decimal(millis(LatencyLog.percentile(sorted, 99))))
        .put("max", decimal(millis(max(sorted))))
        .put("mean", decimal(millis(mean(sorted))));
    JsonObject report = JsonObject.builder()
        .put("kind", plan.kind().wireName())
        .put("endpoint", "POST " + plan.kind().path())
        .put("target", target)
        .put("concurrency", JsonNumber.of(plan.concurrency()))
        .put("tasks", JsonNumber.of(plan.tasks()))
        .put("proofs", proofs())
        .put("exchanges_per_tool_call", JsonNumber.of(PreparedRequests.EXCHANGES_PER_CALL))
        .put("warmup", phase(warmup))
        .put("timed", phase(timed))
        .put("exchanges_per_second", decimal(timed.rate()))
        .put("latency_ms", latency.build())
        .put("cpu_us_per_exchange", JsonObject.builder()
            .put("process", decimal(timed.cpuMicrosPerExchange(timed.processCpuNanos())))
            .put("clients", decimal(timed.cpuMicrosPerExchange(timed.clientCpuNanos())))
            .build())
        .put("error_count", JsonNumber.of(errorCount()))
        .put("errors", counts(errors()))
        .put("client_per_request", CLIENT_WORK)
        .put("machine", JsonObject.builder()
            .put("cores", JsonNumber.of(Runtime.getRuntime().availableProcessors()))
            .put("java", System.getProperty("java.version"))
            .put("load_average_before", loadBefore)
            .put("load_average_after", loadAfter)
            .put("other_processes_cpu_share", decimal(timed.othersCpuShare()))
            .build())
        .build();
    return JsonWriter.write(report);
  }

  private static JsonObject phase(PhaseResult phase) {
    return JsonObject.builder()
        .put("seconds", decimal(phase.seconds()))
        .put("exchanges", JsonNumber.of(phase.exchanges()))
        .put("error_count", JsonNumber.of(phase.errorCount()))
        .put("segments", JsonNumber.of(phase.segments()))
        .put("connections_opened", JsonNumber.of(phase.connects()))
        .build();
  }

  private Map<String, Long> errors() {
    Map<String, Long> all = new TreeMap<>(warmup.errors());
    timed.errors().forEach((what, n) -> all.merge(what, n, Long::sum));
    return all;
  }

  private static JsonObject counts(Map<String, Long> counts) {
    JsonObject.Builder json = JsonObject.builder();
    counts.forEach((what, n) -> json.put(what, JsonNumber.of(n)));
    return json.build();
  }

  private static JsonNumber decimal(double value) {
    return JsonNumber.of(BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP));
  }

  private static double millis(double nanos) {
    return nanos / 1e6;
  }

  private static long max(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  private static double mean(long[] values) {
    if (values.length == 0) {
      return 0;
    }
    double sum = 0;
    for (long value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  private String proofs() {
    return plan.sessionProofs() ? "session" : "signed";
  }
}
