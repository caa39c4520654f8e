package dev.tether.vault;

import dev.tether.core.scope.AwsScope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An STS session that the Vault's local STS issued, with everything a local AWS-compatible server
 * needs to accept or refuse a request signed with it: the secret to check the SigV4 signature, the
 * session token the request must carry, the expiry, and the session policy as a scope to enforce.
 *
 * <p>{@link #toString()} redacts the secret access key and the session token.
 *
 * @param scope the session policy the session was issued with, parsed; {@link AwsScope#none()} for
 *     the deny-all policy
 * @param tags the session tags, by key
 */
public record LocalSession(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    AwsScope scope,
    Map<String, String> tags) {

  public LocalSession {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(scope, "scope");
    tags = Map.copyOf(tags);
  }

  /** Whether the session has expired at {@code now}: STS credentials stop working at expiry. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiration);
  }

  @Override
  public String toString() {
    return "LocalSession[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>, sessionToken=<redacted>, expiration="
        + expiration
        + ", scope="
        + scope
        + ", tags="
        + tags
        + "]";
  }
}
