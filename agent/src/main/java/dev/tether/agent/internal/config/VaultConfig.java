package dev.tether.agent.internal.config;

import java.time.Duration;

/**
 * Where the Token Vault is and how long to wait for it. The URL and token may also come from {@code
 * -Dtether.vault.url} / {@code TETHER_VAULT_URL} and {@code -Dtether.vault.token} / {@code
 * TETHER_VAULT_TOKEN}, resolved when the Vault is first used, so both may be null here.
 *
 * @param url absolute http(s) URL, or null
 * @param tokenFile path of a file holding the Vault token, or null; the token itself is never part
 *     of the configuration
 * @param timeout bound on connecting and on reading, per Vault call
 * @param revocationPoll how often the agent reads the active task's revocations from the Vault
 *     (on a background thread, jittered, backing off while the Vault does not answer)
 */
public record VaultConfig(String url, String tokenFile, Duration timeout, Duration revocationPoll) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

  public static final Duration DEFAULT_REVOCATION_POLL = Duration.ofSeconds(5);
  public static final Duration MIN_REVOCATION_POLL = Duration.ofMillis(100);
  public static final Duration MAX_REVOCATION_POLL = Duration.ofMinutes(10);

  public VaultConfig {
    if (timeout == null) {
      timeout = DEFAULT_TIMEOUT;
    }
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "Vault timeout " + timeout + " is outside " + MIN_TIMEOUT + ".." + MAX_TIMEOUT);
    }
    if (revocationPoll == null) {
      revocationPoll = DEFAULT_REVOCATION_POLL;
    }
    if (revocationPoll.compareTo(MIN_REVOCATION_POLL) < 0
        || revocationPoll.compareTo(MAX_REVOCATION_POLL) > 0) {
      throw new IllegalArgumentException("revocation poll " + revocationPoll + " is outside "
          + MIN_REVOCATION_POLL + ".." + MAX_REVOCATION_POLL);
    }
  }

  /** With the default revocation poll (5 s). */
  public VaultConfig(String url, String tokenFile, Duration timeout) {
    this(url, tokenFile, timeout, null);
  }

  static VaultConfig defaults() {
    return new VaultConfig(null, null, DEFAULT_TIMEOUT, DEFAULT_REVOCATION_POLL);
  }
}
