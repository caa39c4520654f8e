package dev.tether.core.attest;

import dev.tether.core.pop.WorkloadKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Launcher public keys as the Vault reads them: PEM in, an id (thumbprint) out. */
public final class LauncherPublicKeys {

  /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key; the raw 32 bytes follow it. */
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private LauncherPublicKeys() {}

  /** The id of a launcher public key: its RFC 7638 thumbprint. */
  public static String id(PublicKey key) {
    byte[] spki = key.getEncoded();
    return WorkloadKey.thumbprint(Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length));
  }

  /**
   * Reads a launcher public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}).
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static PublicKey readPem(String pem) {
    byte[] der = Pem.decode(pem, "PUBLIC KEY");
    if (der.length != ED25519_SPKI_PREFIX.length + 32
        || !Arrays.equals(Arrays.copyOf(der, ED25519_SPKI_PREFIX.length), ED25519_SPKI_PREFIX)) {
      throw new IllegalArgumentException(
          "not an Ed25519 public key; use the .pub file `tether-agent.jar launch` writes");
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a readable Ed25519 public key");
    }
  }
}
