package dev.tether.core.wire;

import java.time.Instant;

/**
 * A token the Vault issued: a grant (to an orchestrator) or a task token (to an agent that
 * redeemed a grant). {@link #toString()} redacts the token; its id may be logged.
 *
 * @param binding for a task token, the attestation binding it carries; {@code null} for a grant
 * @param proofKeyId for a task token redeemed over TLS or loopback, the id of the Vault key its
 *     session proof key was derived from; else {@code null}
 * @param proofKey that session proof key, base64url: a secret the agent keeps as it keeps its
 *     workload key ({@code SessionProofKey}); {@code null} with {@code proofKeyId}
 */
public record IssuedToken(
    String token,
    String tokenId,
    String taskId,
    Instant expiresAt,
    Binding binding,
    String proofKeyId,
    String proofKey) {

  private static final String TYPE = "IssuedToken";

  public IssuedToken {
    Required.text(TYPE, "token", token);
    Required.text(TYPE, "token_id", tokenId);
    Required.text(TYPE, "task_id", taskId);
    Required.notNull(TYPE, "expires_at", expiresAt);
    if (proofKeyId != null) {
      Required.text(TYPE, "proof_key_id", proofKeyId);
    }
    if (proofKey != null) {
      Required.text(TYPE, "proof_key", proofKey);
    }
    if ((proofKeyId == null) != (proofKey == null)) {
      throw new IllegalArgumentException(
          TYPE + ": fields 'proof_key' and 'proof_key_id' come together; this one has only "
              + (proofKey == null ? "'proof_key_id'" : "'proof_key'"));
    }
  }

  /** A grant, or a task token with no session proof key. */
  public IssuedToken(
      String token, String tokenId, String taskId, Instant expiresAt, Binding binding) {
    this(token, tokenId, taskId, expiresAt, binding, null, null);
  }

  @Override
  public String toString() {
    return "IssuedToken[token=<redacted>, tokenId=" + tokenId + ", taskId=" + taskId
        + ", expiresAt=" + expiresAt + ", binding=" + binding
        + (proofKey == null ? "" : ", proofKeyId=" + proofKeyId + ", proofKey=<redacted>") + "]";
  }
}
