package dev.tether.vault.internal.grant;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which grants have been redeemed, until they expire (after that the chain check refuses them
 * anyway). In memory: one Vault process; a shared store comes with replicas.
 */
public final class RedeemedGrants {

  private static final int PURGE_ABOVE = 10_000;

  /** Grant id to its expiry, epoch seconds. */
  private final Map<String, Long> redeemed = new ConcurrentHashMap<>();
  /** Expired grants are swept out at most once a minute: a sweep scans them all. */
  private final AtomicLong nextPurge = new AtomicLong();

  /** Whether this call is the grant's one redemption: exactly one caller ever gets true. */
  public boolean claim(String grantId, long expiresAtEpochSecond, Instant now) {
    long purgeAt = nextPurge.get();
    if (redeemed.size() > PURGE_ABOVE
        && now.getEpochSecond() >= purgeAt
        && nextPurge.compareAndSet(purgeAt, now.getEpochSecond() + 60)) {
      purge(now);
    }
    return redeemed.putIfAbsent(grantId, expiresAtEpochSecond) == null;
  }

  private void purge(Instant now) {
    long nowSeconds = now.getEpochSecond();
    for (Iterator<Long> expiry = redeemed.values().iterator(); expiry.hasNext(); ) {
      if (expiry.next() < nowSeconds) {
        expiry.remove();
      }
    }
  }
}
