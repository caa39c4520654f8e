package dev.tether.core.token;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, the one primitive of the chain: each layer's tag is the MAC of its JSON under the
 * parent's tag, so a holder can add layers but never remove or change one (DESIGN.md §7: under
 * 1 µs, where a signature costs 36 µs to 1 ms here).
 */
final class TokenMac {

  private static final String ALGORITHM = "HmacSHA256";

  // Mac.getInstance looks the provider up each time; one instance per thread, keyed per call.
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(ALGORITHM);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
            }
          });

  private TokenMac() {}

  static byte[] mac(byte[] key, byte[]... parts) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot key " + ALGORITHM, e);
    }
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** Constant-time comparison: a tag check must not tell how many leading bytes matched. */
  static boolean same(byte[] a, byte[] b) {
    return java.security.MessageDigest.isEqual(a, b);
  }
}
