package dev.tether.vault.internal.exchange.sts;

import java.time.Instant;

/**
 * The credentials of one STS session, as STS issued them. {@link #toString()} shows the access key
 * id and the expiry only.
 */
public record SessionCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  public SessionCredentials {
    if (accessKeyId == null || secretAccessKey == null || sessionToken == null
        || expiration == null) {
      throw new IllegalArgumentException("session credentials need all four parts");
    }
  }

  @Override
  public String toString() {
    return "SessionCredentials[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>, sessionToken=<redacted>, expiration="
        + expiration
        + "]";
  }
}
