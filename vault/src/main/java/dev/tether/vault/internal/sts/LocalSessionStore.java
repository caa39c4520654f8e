package dev.tether.vault.internal.sts;

import dev.tether.vault.LocalSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions by access key id. Expired sessions stay for a grace period, so a local server can still
 * answer "expired" rather than "unknown key", then go in a sweep every few hundred issuances.
 */
final class LocalSessionStore {

  static final Duration GRACE = Duration.ofHours(1);
  private static final int SWEEP_EVERY = 512;

  private final ConcurrentMap<String, LocalSession> byAccessKeyId = new ConcurrentHashMap<>();
  private final AtomicInteger puts = new AtomicInteger();
  private final Clock clock;

  LocalSessionStore(Clock clock) {
    this.clock = clock;
  }

  void put(LocalSession session) {
    byAccessKeyId.put(session.accessKeyId(), session);
    if (puts.incrementAndGet() % SWEEP_EVERY == 0) {
      var cutoff = clock.instant().minus(GRACE);
      byAccessKeyId.values().removeIf(s -> s.expiration().isBefore(cutoff));
    }
  }

  Optional<LocalSession> get(String accessKeyId) {
    return accessKeyId == null
        ? Optional.empty()
        : Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }
}
