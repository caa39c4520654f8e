package dev.tether.vault;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import java.net.URI;

/** The tests' workload: one key, as one agent JVM has, and proofs made with it. */
final class WorkloadProofs {

  static final WorkloadKey KEY = WorkloadKey.generate();

  private WorkloadProofs() {}

  /** A fresh proof for a POST of {@code token} to {@code url}. */
  static String proof(String url, String token) {
    return PopProofs.create(KEY, "POST", url, token, System.currentTimeMillis() / 1000);
  }

  static String proof(URI url, String token) {
    return proof(url.toString(), token);
  }
}
