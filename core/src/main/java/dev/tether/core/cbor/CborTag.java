package dev.tether.core.cbor;

import java.util.Objects;

/**
 * A tagged CBOR item (major type 6), e.g. tag 18 around a COSE_Sign1. The decoder does not
 * interpret tags: what a tag means, and whether it is welcome, is the caller's business.
 *
 * @param tag the tag number, unsigned (read it with {@link Long#toUnsignedString(long)})
 * @param content the tagged item
 */
public record CborTag(long tag, CborValue content) implements CborValue {

  /** COSE_Sign1 (RFC 9052). */
  public static final long COSE_SIGN1 = 18;

  public CborTag {
    Objects.requireNonNull(content, "content");
  }

  @Override
  public String kind() {
    return "tag " + Long.toUnsignedString(tag);
  }

  @Override
  public String toString() {
    return "CborTag[" + Long.toUnsignedString(tag) + ", " + content + "]";
  }
}
