package dev.tether.core.cbor;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A CBOR integer (major type 0 or 1): from -2<sup>64</sup> to 2<sup>64</sup>-1, so it does not
 * always fit in a {@code long}.
 */
public record CborInteger(BigInteger value) implements CborValue {

  public CborInteger {
    Objects.requireNonNull(value, "value");
  }

  public static CborInteger of(long value) {
    return new CborInteger(BigInteger.valueOf(value));
  }

  /** Whether {@link #longValue()} can answer. */
  public boolean fitsInLong() {
    return value.bitLength() < Long.SIZE;
  }

  /**
   * @throws ArithmeticException if the value does not fit in a {@code long}; see {@link
   *     #fitsInLong()}
   */
  public long longValue() {
    return value.longValueExact();
  }

  @Override
  public String kind() {
    return "an integer";
  }
}
