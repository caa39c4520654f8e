package dev.tether.vault.internal.load;

import java.util.Map;

/**
 * What one phase of a run measured.
 *
 * @param exchanges exchanges answered 200 with the expected record
 * @param errors the other outcomes by what went wrong (e.g. {@code HTTP 403 token_expired}),
 *     with their counts
 * @param nanos the measured time: the sum of the segments' times, each from its start to its
 *     last answer
 * @param latencies every exchange's latency (answered or not), nanoseconds, sorted
 * @param segments how many segments the phase took (requests prepared before each)
 * @param connects how many connections the clients opened (one each when kept alive)
 * @param processCpuNanos CPU time of the whole process during the segments (user and system;
 *     -1 when the JVM does not tell)
 * @param clientCpuNanos CPU time of the client threads during the segments (user and system,
 *     their share of the kernel's network work included; -1 when the JVM does not tell)
 * @param machineCpuNanos busy CPU time of the whole machine during the segments, this process
 *     included; -1 when unknown
 */
record PhaseResult(
    long exchanges, Map<String, Long> errors, long nanos, long[] latencies, int segments,
    int connects, long processCpuNanos, long clientCpuNanos, long machineCpuNanos) {

  static final PhaseResult NONE = new PhaseResult(0, Map.of(), 0, new long[0], 0, 0, 0, 0, 0);

  /**
   * The share of the machine's cores other processes kept busy during the segments (0 to 1), or
   * -1 when unknown: near 0 on a quiet machine.
   */
  double othersCpuShare() {
    if (machineCpuNanos < 0 || processCpuNanos < 0 || nanos == 0) {
      return -1;
    }
    double share = (machineCpuNanos - processCpuNanos)
        / ((double) nanos * Runtime.getRuntime().availableProcessors());
    return Math.max(0, share);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  double seconds() {
    return nanos / 1e9;
  }

  /** CPU microseconds per answered exchange: {@code total} over the exchanges; -1 if unknown. */
  double cpuMicrosPerExchange(long total) {
    long answered = latencies.length;
    return total < 0 || answered == 0 ? -1 : total / 1e3 / answered;
  }

  /** Answered exchanges per second. */
  double rate() {
    return nanos == 0 ? 0 : exchanges / seconds();
  }
}
