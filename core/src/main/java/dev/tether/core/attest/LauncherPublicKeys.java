package dev.tether.core.attest;

import dev.tether.core.pop.Ed25519Keys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/** Launcher public keys as the Vault reads them: PEM in, an id (thumbprint) out. */
public final class LauncherPublicKeys {

  private LauncherPublicKeys() {}

  /** The id of a launcher public key: its RFC 7638 thumbprint. */
  public static String id(PublicKey key) {
    return Ed25519Keys.thumbprint(key);
  }

  /**
   * Reads a launcher public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}).
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static PublicKey readPem(String pem) {
    byte[] der = Pem.decode(pem, "PUBLIC KEY");
    if (!Ed25519Keys.isSpki(der)) {
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
