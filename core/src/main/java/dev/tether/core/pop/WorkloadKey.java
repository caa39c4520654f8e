package dev.tether.core.pop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The workload's Ed25519 key pair, generated in memory and never exported: no method returns the
 * private key, and {@link #toString()} names only the public key's thumbprint. Every exchange with
 * the Vault carries a proof signed with it, or MACed with the session proof key the Vault derived
 * for it ({@link PopProofs}), so a token copied out of the JVM is useless without the JVM.
 */
public final class WorkloadKey {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey privateKey;
  private final byte[] rawPublicKey;
  private final String thumbprint;

  private WorkloadKey(KeyPair pair) {
    this.privateKey = pair.getPrivate();
    this.rawPublicKey = Ed25519Keys.raw(pair.getPublic());
    this.thumbprint = thumbprint(rawPublicKey);
  }

  /** A fresh key pair, in memory. */
  public static WorkloadKey generate() {
    try {
      return new WorkloadKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (JDK 15+ has it built in)", e);
    }
  }

  /** The public key, raw (32 bytes), base64url: the JWK's {@code x}. */
  public String publicKeyX() {
    return B64.encodeToString(rawPublicKey);
  }

  /** The RFC 7638 JWK thumbprint of the public key, base64url: the token's {@code cnf.jkt}. */
  public String thumbprint() {
    return thumbprint;
  }

  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the workload key", e);
    }
  }

  /** RFC 7638 thumbprint of an Ed25519 OKP JWK with this raw public key. */
  public static String thumbprint(byte[] rawPublicKey) {
    String jwk =
        "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + B64.encodeToString(rawPublicKey) + "\"}";
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WorkloadKey[Ed25519, jkt=" + thumbprint + ", private key never leaves this object]";
  }
}
