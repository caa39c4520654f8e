package dev.tether.vault.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random identifiers and secrets, all from one {@link SecureRandom}. */
public final class RandomTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private RandomTokens() {}

  /** A bearer token with 256 random bits, URL-safe. */
  public static String bearerToken() {
    return base64Url(32);
  }

  /** {@code prefix} and 16 upper-case letters or digits, the shape of an AWS access key id. */
  public static String accessKeyId(String prefix) {
    return prefix + pick(UPPER_ALPHANUMERIC, 16);
  }

  /** 40 characters, the shape of an AWS secret access key. */
  public static String secretAccessKey() {
    return pick(SECRET_ALPHABET, 40);
  }

  /** An opaque session token with 768 random bits. */
  public static String sessionToken() {
    byte[] bytes = new byte[96];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A non-secret identifier: {@code prefix} and 24 hex digits. */
  public static String id(String prefix) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  private static String base64Url(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * {@code length} characters drawn uniformly from {@code alphabet}, from one draw of random bytes
   * (and another now and then): each call into the {@link SecureRandom} costs a lock and, for the
   * default NativePRNG, a SHA-1 step, and an issued session needs 56 characters. A byte is used
   * only below the largest multiple of the alphabet's size, so every character is equally likely.
   */
  private static String pick(String alphabet, int length) {
    int size = alphabet.length();
    int limit = 256 - 256 % size;
    StringBuilder out = new StringBuilder(length);
    byte[] random = new byte[length + 8];
    while (out.length() < length) {
      RANDOM.nextBytes(random);
      for (int i = 0; i < random.length && out.length() < length; i++) {
        int value = random[i] & 0xFF;
        if (value < limit) {
          out.append(alphabet.charAt(value % size));
        }
      }
    }
    return out.toString();
  }
}
