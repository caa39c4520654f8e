package dev.tether.bench.jmh;

import java.util.Arrays;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The interleaved design's clock: one round calls every arm once, each arm leading in turn, and
 * records each call's wall time under its arm. Per iteration JMH reports each arm's number of
 * calls and total nanoseconds (public fields) and its median call (public methods, evaluated when
 * JMH collects the iteration's counters); bench/run-jmh.sh turns them into per-iteration ratios.
 * The median is robust to the odd call that a GC pause or another process happens to hit.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ArmTimes {

  static final int WITHOUT_TETHER = 0;
  static final int WITH_TETHER = 1;
  static final int SESSION_KEY = 2;
  static final int ARMS = 3;

  // Enough for a 2 s iteration at 15 us per call; later calls of a longer iteration count in the
  // totals only.
  private static final int CAPACITY = 1 << 17;

  /** Rounds, i.e. calls per arm, in the iteration. */
  public long rounds;

  public long withoutTetherNanos;
  public long withTetherNanos;
  public long sessionKeyNanos;
  private final long[][] calls = new long[ARMS][CAPACITY];
  private final long[] round = new long[ARMS];
  private int recorded;
  private int first;

  @Setup(Level.Iteration)
  public void reset() {
    rounds = 0;
    withoutTetherNanos = 0;
    withTetherNanos = 0;
    sessionKeyNanos = 0;
    recorded = 0;
  }

  public long withoutTetherMedianNanos() {
    return median(WITHOUT_TETHER);
  }

  public long withTetherMedianNanos() {
    return median(WITH_TETHER);
  }

  public long sessionKeyMedianNanos() {
    return median(SESSION_KEY);
  }

  /**
   * One GetObject through each arm's client (indexed by the constants above), rotating which goes
   * first so that no arm profits from going second (warm caches, a core just freed). Returns the
   * bytes read, for JMH to consume.
   */
  int timeOneRound(LoopbackAws aws, S3Client[] clients, GetObjectRequest[] requests) {
    int bytes = 0;
    first = (first + 1) % ARMS;
    for (int i = 0, arm = first; i < ARMS; i++, arm = (arm + 1) % ARMS) {
      long start = System.nanoTime();
      bytes += aws.read(clients[arm], requests[arm]).length;
      round[arm] = System.nanoTime() - start;
    }
    rounds++;
    withoutTetherNanos += round[WITHOUT_TETHER];
    withTetherNanos += round[WITH_TETHER];
    sessionKeyNanos += round[SESSION_KEY];
    if (recorded < CAPACITY) {
      for (int arm = 0; arm < ARMS; arm++) {
        calls[arm][recorded] = round[arm];
      }
      recorded++;
    }
    return bytes;
  }

  private long median(int arm) {
    return median(calls[arm], recorded);
  }

  /** The median of the first {@code count} of {@code calls}; 0 for none. */
  static long median(long[] calls, int count) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(calls, count);
    Arrays.sort(sorted);
    return sorted[count / 2];
  }
}
