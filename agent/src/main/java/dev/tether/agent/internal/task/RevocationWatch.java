package dev.tether.agent.internal.task;

import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationStatus;
import dev.tether.core.wire.RevocationStatusRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reads what is revoked of the active task from the Vault ({@code POST /v1/revocations/status}) on
 * one daemon thread, every {@code vault.revocation-poll} (5 s by default), jittered by ±20 % so
 * that workloads started together do not poll together, and backing off (doubling, up to a
 * minute) while the Vault does not answer. Tool calls never wait for it: they read what it
 * learnt, one volatile read per use. It stops when the task ends, is revoked as a whole, or its
 * token expires.
 */
final class RevocationWatch {

  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final String TOKEN_EXPIRED = "token_expired";
  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  private final VaultClient vault;
  private final Containment containment;
  private final long intervalMillis;
  private ScheduledExecutorService executor;

  RevocationWatch(VaultClient vault, Containment containment, Duration interval) {
    this.vault = vault;
    this.containment = containment;
    this.intervalMillis = interval.toMillis();
  }

  /** Starts polling for {@code session}; its first poll is one interval from now. */
  synchronized void watch(TaskSession session) {
    if (executor == null) {
      executor = Executors.newSingleThreadScheduledExecutor(new WatchThreads());
    }
    new Poll(this, session).next(jittered(intervalMillis));
  }

  /** Polls once, now, on the calling thread: for tests. */
  void pollNow(TaskSession session) {
    new Poll(this, session).poll();
  }

  private synchronized void schedule(Poll poll, long delayMillis) {
    executor.schedule(poll, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** The delay after {@code failures} polls in a row the Vault did not answer. */
  long delayAfter(int failures) {
    if (failures == 0) {
      return jittered(intervalMillis);
    }
    long cap = Math.max(intervalMillis, MAX_BACKOFF.toMillis());
    long backoff = intervalMillis << Math.min(failures, 16);
    return jittered(Math.min(cap, backoff));
  }

  private static long jittered(long millis) {
    return Math.max(1, (long) (millis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
  }

  private static final class Poll implements Runnable {
    private final RevocationWatch watch;
    private final TaskSession session;
    private int failures;

    Poll(RevocationWatch watch, TaskSession session) {
      this.watch = watch;
      this.session = session;
    }

    @Override
    public void run() {
      if (finished()) {
        return;
      }
      if (poll() && !finished()) {
        next(watch.delayAfter(failures));
      }
    }

    void next(long delayMillis) {
      watch.schedule(this, delayMillis);
    }

    private boolean finished() {
      return !session.isActive() || session.fullyRevoked();
    }

    /** @return whether to poll again */
    boolean poll() {
      try {
        RevocationStatus status = watch.vault.revocationStatus(
            new RevocationStatusRequest(session.token().encode()));
        if (status.revocation() != null) {
          watch.containment.learn(session, status.revocation(), Containment.POLL);
        }
        for (Revocation tool : status.tools()) {
          watch.containment.learn(session, tool, Containment.POLL);
        }
        failures = 0;
        return true;
      } catch (VaultException e) {
        if (DEBUG) {
          System.err.println("[tether] revocation poll failed: " + e.getMessage());
        }
        if (TOKEN_EXPIRED.equals(e.code())) {
          return false; // the task is over: nothing of it can be used any more
        }
        failures++;
        return true;
      } catch (RuntimeException e) {
        failures++; // an answer the agent cannot read: try again later, like a Vault that is down
        return true;
      }
    }
  }

  private static final class WatchThreads implements ThreadFactory {
    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "tether-revocations");
      thread.setDaemon(true);
      return thread;
    }
  }
}
