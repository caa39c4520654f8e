package dev.tether.core.pop;

import dev.tether.core.token.TokenLayer;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a workload proves possession with once it has redeemed a grant: 32 bytes for
 * HMAC-SHA256 that the Vault derives from one of its root keys and the thumbprint of the workload
 * key the task is bound to, and hands over in the redemption's answer. The redemption itself is
 * proved with the workload key (Ed25519), so only the workload that holds that key receives this
 * one; later proofs are MACs under it ({@link PopProofs#create(SessionProofKey, String, String,
 * String, long)}), which the Vault checks with two HMACs instead of an Ed25519 verification.
 *
 * <p>It is a secret like the workload's private key: held in memory, never logged, never handed to
 * tool code. {@link #toString()} names only the Vault key it was derived from.
 */
public final class SessionProofKey {

  /** The key's length in bytes: HMAC-SHA256's output, as the Vault derives it. */
  public static final int BYTES = 32;

  private static final String HMAC = "HmacSHA256";

  // Mac.getInstance looks the provider up each time; one instance per thread, keyed per call.
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(HMAC);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("this JVM has no " + HMAC, e);
            }
          });

  private final String keyId;
  private final SecretKeySpec secret;

  /**
   * @param keyId the id of the Vault root key it was derived from: proofs name it as {@code kid}
   * @param secret the key, {@value #BYTES} bytes
   * @throws IllegalArgumentException naming what is wrong with either
   */
  public SessionProofKey(String keyId, byte[] secret) {
    if (!TokenLayer.isKeyId(keyId)) {
      throw new IllegalArgumentException(
          "a session proof key needs the id of the Vault key it was derived from ("
              + TokenLayer.KEY_ID_RULE + ")");
    }
    if (secret == null || secret.length != BYTES) {
      throw new IllegalArgumentException(
          "a session proof key is " + BYTES + " bytes, not "
              + (secret == null ? "missing" : secret.length + " bytes"));
    }
    this.keyId = keyId;
    this.secret = new SecretKeySpec(secret, HMAC);
  }

  /**
   * The key as the Vault's redemption answer carries it.
   *
   * @param encoded the key, base64url without padding
   * @throws IllegalArgumentException if it is not base64url of {@value #BYTES} bytes, or the id is
   *     not usable
   */
  public static SessionProofKey decode(String keyId, String encoded) {
    byte[] secret;
    try {
      secret = Base64.getUrlDecoder().decode(encoded == null ? "" : encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the session proof key is not base64url", e);
    }
    return new SessionProofKey(keyId, secret);
  }

  public String keyId() {
    return keyId;
  }

  /** HMAC-SHA256 of {@code data} under this key: what a proof carries over its signing input. */
  public byte[] mac(byte[] data) {
    return mac(secret, data);
  }

  /** HMAC-SHA256 of {@code data} under {@code key}: how proofs under a session key are made. */
  static byte[] mac(byte[] key, byte[] data) {
    return mac(new SecretKeySpec(key, HMAC), data);
  }

  private static byte[] mac(SecretKeySpec key, byte[] data) {
    Mac mac = MACS.get();
    try {
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot key " + HMAC, e);
    }
    return mac.doFinal(data);
  }

  @Override
  public String toString() {
    return "SessionProofKey[kid=" + keyId + ", key=<redacted>]";
  }
}
