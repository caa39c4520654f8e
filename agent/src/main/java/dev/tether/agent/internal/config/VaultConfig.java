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
 */
public record VaultConfig(String url, String tokenFile, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

  public VaultConfig {
    if (timeout == null) {
      timeout = DEFAULT_TIMEOUT;
    }
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "Vault timeout " + timeout + " is outside " + MIN_TIMEOUT + ".." + MAX_TIMEOUT);
    }
  }

  static VaultConfig defaults() {
    return new VaultConfig(null, null, DEFAULT_TIMEOUT);
  }
}
