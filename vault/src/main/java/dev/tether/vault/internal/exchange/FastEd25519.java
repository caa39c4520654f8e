package dev.tether.vault.internal.exchange;

import dev.tether.core.pop.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Proof-of-possession signatures checked with Bouncy Castle's Ed25519 (about 150 µs here) instead
 * of the JDK's (about 650 µs), deciding exactly as the JDK's does.
 *
 * <p>The JDK verifies without the cofactor: it accepts iff {@code [S]B = R + [k]A}, with {@code
 * S < L} and canonical encodings of {@code R} and {@code A}. Bouncy Castle checks {@code
 * [v](S·B - R - k·A) = 0} for a short nonzero scalar {@code v} and refuses keys of small order. The
 * two differ only where a point has a component of small order. So Bouncy Castle decides alone
 * only when both {@code A} and {@code R} are canonical points of prime order ({@code
 * validatePublicKeyFull}): then {@code S·B - R - k·A} has prime order or is the identity, and
 * {@code v} times it is the identity exactly when it is, which is the JDK's equation. Any other
 * signature (every honest one is of prime order: {@code R = r·B}) goes to the JDK, which decides.
 * Keys are checked once and remembered.
 */
public final class FastEd25519 implements SignatureCheck {

  // A key a workload proves with, thousands of times: checked once. Bounded; cleared when full.
  private static final int MAX_KEYS = 10_000;
  private static final Object NOT_PRIME_ORDER = new Object();

  private final Map<String, Object> keys = new ConcurrentHashMap<>();

  @Override
  public boolean verifies(byte[] rawKey, byte[] data, byte[] signature) {
    if (rawKey.length == Ed25519.PUBLIC_KEY_SIZE && signature.length == Ed25519.SIGNATURE_SIZE) {
      Object key = primeOrderKey(rawKey);
      if (key instanceof Ed25519.PublicPoint
          && Ed25519.validatePublicKeyFull(signature, 0)) { // R: the signature's first 32 bytes
        return Ed25519.verify(signature, 0, (Ed25519.PublicPoint) key, data, 0, data.length);
      }
    }
    return SignatureCheck.JDK.verifies(rawKey, data, signature);
  }

  private Object primeOrderKey(byte[] rawKey) {
    String id = new String(rawKey, StandardCharsets.ISO_8859_1);
    Object known = keys.get(id);
    if (known != null) {
      return known;
    }
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(rawKey, 0);
    Object checked = point != null ? point : NOT_PRIME_ORDER;
    if (keys.size() >= MAX_KEYS) {
      keys.clear();
    }
    keys.put(id, checked);
    return checked;
  }
}
