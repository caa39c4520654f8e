package dev.tether.core.cbor;

import java.util.Arrays;

/**
 * A CBOR byte string (major type 2). Holds its own copy of the bytes; {@link #toString()} shows
 * only the length: byte strings may hold secrets.
 */
public final class CborByteString implements CborValue {

  private final byte[] bytes;

  private CborByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  public static CborByteString of(byte[] bytes) {
    return new CborByteString(bytes.clone());
  }

  // For the decoder, which hands over an array nobody else holds.
  static CborByteString wrap(byte[] bytes) {
    return new CborByteString(bytes);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public String kind() {
    return "a byte string";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborByteString other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "CborByteString[" + bytes.length + " bytes]";
  }
}
