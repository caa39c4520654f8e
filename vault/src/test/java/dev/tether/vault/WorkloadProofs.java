package dev.tether.vault;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import java.net.URI;
import java.time.Clock;

/** The tests' workload: one key, as one agent JVM has, and proofs made with it. */
final class WorkloadProofs {

  static final WorkloadKey KEY = WorkloadKey.generate();

  /**
   * The workload's clock: a test that moves the Vault's clock moves this one with it (and puts it
   * back), as the two agree in real life.
   */
  static volatile Clock clock = Clock.systemUTC();

  private WorkloadProofs() {}

  /** A fresh proof for a POST of {@code token} to {@code url}. */
  static String proof(String url, String token) {
    return PopProofs.create(KEY, "POST", url, token, clock.instant().getEpochSecond());
  }

  static String proof(URI url, String token) {
    return proof(url.toString(), token);
  }
}
