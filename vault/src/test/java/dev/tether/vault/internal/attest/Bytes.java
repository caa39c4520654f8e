package dev.tether.vault.internal.attest;

/** Byte-level helpers for tests that tamper with attestation documents in place. */
public final class Bytes {

  private Bytes() {}

  /** Where {@code needle} first starts in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
