package dev.tether.core.token;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Vault's token keys: its issuer name and root secrets by key id, one of them current (new
 * grants use it; the others still verify, so a key can be rotated without cutting running tasks
 * off). Held by the Vault only; the agent never sees a root secret.
 *
 * <p>Grants and task tokens are MACed with keys derived for that purpose, so a grant's tag (which
 * the orchestrator and the runtime see) cannot be turned into a task token: only the Vault, at
 * redemption, can make one.
 */
public final class IssuerKeys {

  static final int ROOT_BYTES = 32;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String issuer;
  private final String currentKeyId;
  private final Map<String, byte[]> grantKeys = new LinkedHashMap<>();
  private final Map<String, byte[]> taskKeys = new LinkedHashMap<>();
  private final Map<String, byte[]> replicaKeys = new LinkedHashMap<>();
  private final Map<String, byte[]> sessionProofKeys = new LinkedHashMap<>();

  /**
   * @param roots root secrets (at least {@value #ROOT_BYTES} bytes each) by key id
   * @throws IllegalArgumentException if the current key is missing or a secret is short
   */
  public IssuerKeys(String issuer, String currentKeyId, Map<String, byte[]> roots) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("the Vault's issuer name must not be blank");
    }
    if (roots == null || !roots.containsKey(currentKeyId)) {
      throw new IllegalArgumentException(
          "no root secret for the current key id " + currentKeyId + "; give one per key id");
    }
    for (Map.Entry<String, byte[]> root : roots.entrySet()) {
      if (root.getValue() == null || root.getValue().length < ROOT_BYTES) {
        throw new IllegalArgumentException(
            "the root secret of key " + root.getKey() + " must be at least " + ROOT_BYTES
                + " random bytes");
      }
      grantKeys.put(root.getKey(), TokenMac.mac(root.getValue(), LayeredToken.utf8("tether/tt1/grant")));
      taskKeys.put(root.getKey(), TokenMac.mac(root.getValue(), LayeredToken.utf8("tether/tt1/task")));
      replicaKeys.put(
          root.getKey(), TokenMac.mac(root.getValue(), LayeredToken.utf8("tether/replica-record")));
      sessionProofKeys.put(
          root.getKey(), TokenMac.mac(root.getValue(), LayeredToken.utf8("tether/pop/session")));
    }
    this.issuer = issuer;
    this.currentKeyId = currentKeyId;
  }

  /** One fresh random key, as the embedded Vault uses: its tokens end with the process. */
  public static IssuerKeys random(String issuer) {
    byte[] root = new byte[ROOT_BYTES];
    new SecureRandom().nextBytes(root);
    return new IssuerKeys(issuer, "k1", Map.of("k1", root));
  }

  public String issuer() {
    return issuer;
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  public boolean knows(String keyId) {
    return grantKeys.containsKey(keyId);
  }

  byte[] grantKey(String keyId) {
    return grantKeys.get(keyId);
  }

  byte[] taskKey(String keyId) {
    return taskKeys.get(keyId);
  }

  /**
   * A tag over {@code content} under the current root key, for a record the Vault's replicas share
   * through a store that holds no secret (their OIDC public keys): whoever can write to the store
   * cannot make one. {@code <key id>.<base64url HMAC-SHA256>}, under a key derived for this use.
   */
  public String replicaTag(byte[] content) {
    return currentKeyId + "." + BASE64URL.encodeToString(
        TokenMac.mac(replicaKeys.get(currentKeyId), content));
  }

  /** Whether {@code tag} is {@link #replicaTag}'s for {@code content} under a root key known here. */
  public boolean replicaTagMatches(String tag, byte[] content) {
    int dot = tag == null ? -1 : tag.lastIndexOf('.'); // base64url has no '.'; a key id may
    byte[] key = dot > 0 ? replicaKeys.get(tag.substring(0, dot)) : null;
    if (key == null) {
      return false;
    }
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(tag.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return TokenMac.same(TokenMac.mac(key, content), presented);
  }

  /**
   * The session proof key of the workload whose key has {@code thumbprint}, derived from root key
   * {@code keyId} under a key for this use alone: HMAC-SHA256 of the thumbprint. Any replica with
   * the same roots derives the same key, so a session needs no shared state; retiring the root
   * key ends every session derived from it, as it ends the task tokens MACed with it.
   *
   * @return 32 bytes, or {@code null} if {@code keyId} names no root key known here
   */
  public byte[] sessionProofKey(String keyId, String thumbprint) {
    byte[] key = keyId == null ? null : sessionProofKeys.get(keyId);
    return key == null || thumbprint == null
        ? null
        : TokenMac.mac(key, LayeredToken.utf8(thumbprint));
  }

  /** The key ids it can verify, for diagnostics. */
  public Map<String, String> describe() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String id : grantKeys.keySet()) {
      ids.put(id, id.equals(currentKeyId) ? "current" : "verify only");
    }
    return Collections.unmodifiableMap(ids);
  }

  @Override
  public String toString() {
    return "IssuerKeys[" + issuer + ", current=" + currentKeyId + ", keys=" + grantKeys.keySet()
        + ", secrets=<redacted>]";
  }
}
