package dev.tether.core.wire;

import java.time.Instant;

/**
 * A token the Vault issued: a grant (to an orchestrator) or a task token (to an agent that
 * redeemed a grant). {@link #toString()} redacts the token; its id may be logged.
 *
 * @param binding for a task token, the attestation binding it carries; {@code null} for a grant
 */
public record IssuedToken(
    String token, String tokenId, String taskId, Instant expiresAt, Binding binding) {

  private static final String TYPE = "IssuedToken";

  public IssuedToken {
    Required.text(TYPE, "token", token);
    Required.text(TYPE, "token_id", tokenId);
    Required.text(TYPE, "task_id", taskId);
    Required.notNull(TYPE, "expires_at", expiresAt);
  }

  @Override
  public String toString() {
    return "IssuedToken[token=<redacted>, tokenId=" + tokenId + ", taskId=" + taskId
        + ", expiresAt=" + expiresAt + ", binding=" + binding + "]";
  }
}
