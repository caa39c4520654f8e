package dev.tether.core.replay;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids that may each be used once (a grant's redemption, a proof of possession), remembered until
 * they expire, after which nothing could use them anyway. In memory: one process.
 *
 * <p>Expired ids are swept out at most once per sweep interval, never at every use: a sweep
 * scans them all, and at thousands of uses a second a scan per use is what the work would cost.
 */
public final class UsedOnce implements ReplayGuard {

  /** Id to its expiry, epoch seconds. */
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private final AtomicLong nextSweep = new AtomicLong();
  private final long sweepEverySeconds;

  public UsedOnce(long sweepEverySeconds) {
    this.sweepEverySeconds = sweepEverySeconds;
  }

  @Override
  public boolean firstUse(String id, long expiresAtEpochSecond, long nowEpochSecond) {
    long sweepAt = nextSweep.get();
    if (nowEpochSecond >= sweepAt
        && nextSweep.compareAndSet(sweepAt, nowEpochSecond + sweepEverySeconds)) {
      for (Iterator<Long> expiry = expiries.values().iterator(); expiry.hasNext(); ) {
        if (expiry.next() < nowEpochSecond) {
          expiry.remove();
        }
      }
    }
    return expiries.putIfAbsent(id, expiresAtEpochSecond) == null;
  }
}
