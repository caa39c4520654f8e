package dev.tether.core.cbor;

import java.util.List;

/** A CBOR array (major type 4). */
public final class CborArray implements CborValue {

  private final List<CborValue> elements;

  private CborArray(List<CborValue> elements) {
    this.elements = elements;
  }

  public static CborArray of(List<? extends CborValue> elements) {
    return new CborArray(List.copyOf(elements));
  }

  /** The elements in order; unmodifiable. */
  public List<CborValue> elements() {
    return elements;
  }

  public CborValue get(int index) {
    return elements.get(index);
  }

  public int size() {
    return elements.size();
  }

  @Override
  public String kind() {
    return "an array";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborArray other && elements.equals(other.elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  @Override
  public String toString() {
    return "CborArray" + elements;
  }
}
