package dev.tether.vault.internal.load;

import java.time.Duration;

/**
 * What a load run does.
 *
 * @param kind what each exchange asks for
 * @param concurrency clients, each with its own kept-alive connection
 * @param tasks tasks set up before the run; exchanges go round them
 * @param warmup how long exchanges run, unmeasured, first
 * @param duration how long the measured phase runs, unless {@code requests} is above 0
 * @param requests how many exchanges the measured phase makes; 0 to run for {@code duration}
 * @param tool the catalogue tool the tasks' grants name
 * @param sessionProofs whether exchanges prove possession with the session proof key the Vault
 *     hands over at redemption (HS256), as the agent does, or sign every proof with the workload
 *     key (EdDSA), as an agent does when the Vault hands no key over
 */
public record LoadPlan(
    ExchangeKind kind, int concurrency, int tasks, Duration warmup, Duration duration,
    long requests, String tool, boolean sessionProofs) {

  /** A plan whose exchanges prove with session proof keys. */
  public LoadPlan(
      ExchangeKind kind, int concurrency, int tasks, Duration warmup, Duration duration,
      long requests, String tool) {
    this(kind, concurrency, tasks, warmup, duration, requests, tool, true);
  }

  /**
   * Bindings go stale after the Vault's attestation max age (10 minutes by default), and the
   * load run does not re-attest.
   */
  public static final Duration MAX_RUN = Duration.ofMinutes(8);

  public LoadPlan {
    if (concurrency < 1 || concurrency > 1024) {
      throw new IllegalArgumentException("--concurrency must be 1 to 1024, not " + concurrency);
    }
    if (tasks < 1 || tasks > 10_000) {
      throw new IllegalArgumentException("--tasks must be 1 to 10000, not " + tasks);
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (requests < 0) {
      throw new IllegalArgumentException("--requests must be at least 1");
    }
    if (requests == 0 && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("--duration must be at least 1s");
    }
    if (requests == 0 && warmup.plus(duration).compareTo(MAX_RUN) > 0) {
      throw new IllegalArgumentException("--warmup and --duration together must be at most "
          + MAX_RUN.toMinutes() + "m: the tasks' attestation bindings go stale after the"
          + " Vault's max age (10m by default), and the load run does not re-attest");
    }
  }
}
