package dev.tether.vault.internal.load;

import java.util.Arrays;

/** Every latency one client recorded, in nanoseconds: a growable array, one writer. */
final class LatencyLog {

  private long[] values = new long[4096];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  int size() {
    return size;
  }

  /** All the logs' values together, sorted. */
  static long[] sorted(Iterable<LatencyLog> logs) {
    int total = 0;
    for (LatencyLog log : logs) {
      total += log.size;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyLog log : logs) {
      System.arraycopy(log.values, 0, all, at, log.size);
      at += log.size;
    }
    Arrays.sort(all);
    return all;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100) of sorted values; 0 when empty. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }
}
