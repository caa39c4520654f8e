package dev.tether.core.pop;

import java.security.GeneralSecurityException;

/**
 * Checks an Ed25519 signature made with a raw 32-byte public key. {@link #JDK} is the JDK's
 * provider; a faster implementation may take its place in {@link PopVerifier} only if it accepts
 * exactly the signatures the JDK's accepts.
 */
@FunctionalInterface
public interface SignatureCheck {

  /** Whether {@code signature} is a valid Ed25519 signature of {@code data} by {@code rawKey}. */
  boolean verifies(byte[] rawKey, byte[] data, byte[] signature);

  /** The JDK's Ed25519: a key or signature it cannot read verifies nothing. */
  SignatureCheck JDK = (rawKey, data, signature) -> {
    try {
      return Ed25519Keys.verifies(Ed25519Keys.fromRaw(rawKey), data, signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a key the JDK cannot even read signs nothing
    }
  };
}
