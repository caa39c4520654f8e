package dev.tether.core.wire;

import java.time.Instant;

/**
 * A single-use token for an external API: accepted once, at the first introspection by the
 * resource server, and never after its expiry. {@link #toString()} redacts it.
 */
public record ApiToken(String token, String audience, Instant expiresAt) {

  private static final String TYPE = "ApiToken";

  public ApiToken {
    Required.text(TYPE, "token", token);
    Required.text(TYPE, "audience", audience);
    Required.notNull(TYPE, "expires_at", expiresAt);
  }

  @Override
  public String toString() {
    return "ApiToken[token=<redacted>, audience=" + audience + ", expiresAt=" + expiresAt + "]";
  }
}
