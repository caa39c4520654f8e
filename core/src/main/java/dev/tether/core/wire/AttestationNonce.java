package dev.tether.core.wire;

import java.time.Instant;

/**
 * A nonce the Vault issued: single-use, valid for seconds, and only for the key it was issued to.
 *
 * @param nonce 32 random bytes, base64url without padding
 */
public record AttestationNonce(String nonce, Instant expiresAt) {

  private static final String TYPE = "AttestationNonce";

  public AttestationNonce {
    Required.text(TYPE, "nonce", nonce);
    Required.notNull(TYPE, "expires_at", expiresAt);
  }
}
