package dev.tether.core.pop;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 public keys between their JDK form (X.509 SubjectPublicKeyInfo) and the raw 32 bytes
 * that JWKs, thumbprints and proofs carry.
 */
public final class Ed25519Keys {

  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };
  private static final int RAW_LENGTH = 32;
  private static final int SIGNATURE_LENGTH = 64;

  private Ed25519Keys() {}

  /** The raw 32 bytes of an Ed25519 public key. */
  public static byte[] raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
  }

  /** The public key with these raw 32 bytes. */
  public static PublicKey fromRaw(byte[] raw) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  /** Whether {@code der} is an Ed25519 SubjectPublicKeyInfo, by its shape. */
  public static boolean isSpki(byte[] der) {
    return der.length == SPKI_PREFIX.length + RAW_LENGTH
        && Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX);
  }

  /**
   * Whether {@code signature} is a valid Ed25519 signature of {@code data} by {@code key}.
   * Exactly 64 bytes: the JDK 17 provider also accepts a valid signature with bytes appended,
   * which would give one signed text several encodings (found by LocalEvidenceFuzzTest).
   */
  public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a key or signature the JDK cannot even read is not a valid signature
    }
  }

  /** The RFC 7638 thumbprint of an Ed25519 public key. */
  public static String thumbprint(PublicKey key) {
    return WorkloadKey.thumbprint(raw(key));
  }
}
