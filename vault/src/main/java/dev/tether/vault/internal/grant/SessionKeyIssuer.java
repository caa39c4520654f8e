package dev.tether.vault.internal.grant;

import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.exchange.RequestTarget;
import java.util.Base64;

/**
 * Hands a workload that has just proved its key at redemption the session proof key derived for
 * that key, so that its later proofs are MACs the Vault checks in microseconds rather than Ed25519
 * signatures (docs/threat-model.md, "Session proof keys"). Only over a channel nobody else reads:
 * TLS, or loopback. Elsewhere (plain HTTP between machines, or a TLS proxy in front of the Vault)
 * the answer carries no key and the workload keeps signing every proof.
 */
public final class SessionKeyIssuer {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** A key as the answer carries it: the root key's id and the key, base64url. */
  record Issued(String keyId, String key) {
    @Override
    public String toString() {
      return "Issued[keyId=" + keyId + ", key=<redacted>]";
    }
  }

  private final IssuerKeys keys;

  public SessionKeyIssuer(IssuerKeys keys) {
    this.keys = keys;
  }

  /**
   * @param thumbprint the workload key the task token was just bound to
   * @return the key to hand over, or {@code null} when the channel is not confidential
   */
  Issued issue(String thumbprint, RequestTarget target) {
    if (!target.confidential()) {
      return null;
    }
    String keyId = keys.currentKeyId();
    return new Issued(keyId, BASE64URL.encodeToString(keys.sessionProofKey(keyId, thumbprint)));
  }
}
