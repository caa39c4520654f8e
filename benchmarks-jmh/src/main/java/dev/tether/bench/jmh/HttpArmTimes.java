package dev.tether.bench.jmh;

import java.io.IOException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ArmTimes} for HTTP calls: each round calls the API without and with Tether, alternating
 * which goes first, and JMH reports per iteration each arm's median call (auxiliary counters), from
 * which bench/run-http-jmh.sh takes per-iteration ratios.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class HttpArmTimes {

  private static final int CAPACITY = 1 << 17;

  public long rounds;
  private final long[] without = new long[CAPACITY];
  private final long[] with = new long[CAPACITY];
  private final long[] guard = new long[CAPACITY];
  private int recorded;
  private boolean tetherFirst;

  @Setup(Level.Iteration)
  public void reset() {
    rounds = 0;
    recorded = 0;
  }

  public long withoutTetherMedianNanos() {
    return median(without);
  }

  public long guardMedianNanos() {
    return median(guard);
  }

  public long withTetherMedianNanos() {
    return median(with);
  }

  int timeOneRound(LoopbackHttp http) throws IOException, InterruptedException {
    http.checkArmsOnce();
    tetherFirst = !tetherFirst;
    int bytes = 0;
    long withNanos = 0;
    long withoutNanos = 0;
    for (int i = 0; i < 2; i++) {
      boolean tethered = (i == 0) == tetherFirst;
      long start = System.nanoTime();
      bytes += http.call(http.timeBoxedApi(), tethered);
      long elapsed = System.nanoTime() - start;
      if (tethered) {
        withNanos = elapsed;
      } else {
        withoutNanos = elapsed;
      }
    }
    rounds++;
    if (recorded < CAPACITY) {
      with[recorded] = withNanos;
      guard[recorded] = http.lastGuardNanos;
      without[recorded] = withoutNanos;
      recorded++;
    }
    return bytes;
  }

  private long median(long[] calls) {
    return ArmTimes.median(calls, recorded);
  }
}
