package dev.tether.core.cbor;

import java.util.Objects;

/** A CBOR text string (major type 3). {@link #toString()} hides the content. */
public record CborTextString(String value) implements CborValue {

  public CborTextString {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String kind() {
    return "a text string";
  }

  @Override
  public String toString() {
    return "CborTextString[" + value.length() + " chars]";
  }
}
