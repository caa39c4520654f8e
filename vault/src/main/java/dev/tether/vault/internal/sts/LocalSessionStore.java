package dev.tether.vault.internal.sts;

import dev.tether.vault.LocalSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sessions by access key id. Expired sessions stay for a grace period, so a local server can still
 * answer "expired" rather than "unknown key", then are forgotten.
 *
 * <p>Each issuance forgets the sessions whose grace has run out, soonest first, from a queue
 * ordered by that time: the work per issuance does not grow with the number of sessions held.
 * (Walking all of them every few hundred issuances did: under a sustained load of thousands of
 * exchanges a second, a fifth of the Vault's time went to walking sessions it had to keep.)
 */
final class LocalSessionStore {

  static final Duration GRACE = Duration.ofHours(1);

  private final ConcurrentMap<String, LocalSession> byAccessKeyId = new ConcurrentHashMap<>();
  private final PriorityQueue<Forget> forgetQueue = new PriorityQueue<>(); // guarded by itself
  private final Clock clock;

  LocalSessionStore(Clock clock) {
    this.clock = clock;
  }

  void put(LocalSession session) {
    byAccessKeyId.put(session.accessKeyId(), session);
    long forgetAt = session.expiration().plus(GRACE).toEpochMilli();
    long now = clock.millis();
    synchronized (forgetQueue) {
      forgetQueue.add(new Forget(forgetAt, session.accessKeyId()));
      for (Forget due = forgetQueue.peek(); due != null && due.atMillis < now;
          due = forgetQueue.peek()) {
        forgetQueue.poll();
        byAccessKeyId.remove(due.accessKeyId);
      }
    }
  }

  Optional<LocalSession> get(String accessKeyId) {
    return accessKeyId == null
        ? Optional.empty()
        : Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }

  int size() {
    return byAccessKeyId.size();
  }

  /** When a session's grace runs out. Access key ids are random and never issued twice. */
  private record Forget(long atMillis, String accessKeyId) implements Comparable<Forget> {
    @Override
    public int compareTo(Forget other) {
      return Long.compare(atMillis, other.atMillis);
    }
  }
}
