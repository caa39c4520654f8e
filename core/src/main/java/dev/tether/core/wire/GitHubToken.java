package dev.tether.core.wire;

import java.time.Instant;
import java.util.List;

/**
 * A GitHub installation token the Vault obtained for one tool call. {@link #toString()} redacts
 * it.
 *
 * @param repositories the repositories it reaches, {@code owner/name}
 * @param permissions what it may do there, {@code name:level} (e.g. {@code contents:read})
 */
public record GitHubToken(
    String token, Instant expiresAt, List<String> repositories, List<String> permissions) {

  private static final String TYPE = "GitHubToken";

  public GitHubToken {
    Required.text(TYPE, "token", token);
    Required.notNull(TYPE, "expires_at", expiresAt);
    repositories = Required.strings(TYPE, "repositories", repositories);
    permissions = Required.strings(TYPE, "permissions", permissions);
  }

  @Override
  public String toString() {
    return "GitHubToken[token=<redacted>, expiresAt=" + expiresAt + ", repositories="
        + repositories + ", permissions=" + permissions + "]";
  }
}
