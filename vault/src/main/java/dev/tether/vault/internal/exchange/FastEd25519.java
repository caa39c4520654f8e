package dev.tether.vault.internal.exchange;

import dev.tether.core.pop.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Proof-of-possession signatures checked with Bouncy Castle's Ed25519 (about 150 µs here) instead
 * of the JDK's (about 650 µs).
 *
 * <p>The JDK verifies without the cofactor: it accepts iff {@code [S]B = R + [k]A}, with {@code S <
 * L} and canonical encodings of {@code R} and {@code A}. Bouncy Castle checks {@code [v](S·B - R -
 * k·A) = 0} for a short nonzero scalar {@code v} and refuses keys of small order. A key is checked
 * once (and remembered) to be a canonical point of prime order ({@code validatePublicKeyFull}); any
 * other key goes to the JDK, which decides. For a key of prime order the two decide alike except
 * for a signature whose {@code R} has a component of small order: both then need {@code S·B - k·A}
 * to be {@code R}'s prime-order part, which takes the private key to arrange (as for any Ed25519
 * signature, {@code k} hashes {@code R}), and the JDK refuses it where Bouncy Castle may accept it,
 * as RFC 8032's cofactored equation ({@code [8][S]B = [8]R + [8][k]A}, the check it names first)
 * accepts every one. An honest signer never makes one ({@code R = r·B}), and
 * nobody without the workload's key can: so the difference admits no forgery and no replay
 * (proofs are spent by their identifier, not their bytes), and checking each signature's {@code
 * R} for prime order, a full scalar multiplication that cost as much as the verification on every
 * exchange, is left out.
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
      if (key instanceof Ed25519.PublicPoint) {
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
