package dev.tether.core.cbor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CBOR map (major type 5) whose keys are integers or text strings, in the order they were
 * written; keys are unique.
 */
public final class CborMap implements CborValue {

  private final Map<CborValue, CborValue> entries;

  private CborMap(Map<CborValue, CborValue> entries) {
    this.entries = entries;
  }

  /**
   * @throws IllegalArgumentException if a key is neither a {@link CborInteger} nor a {@link
   *     CborTextString}
   */
  public static CborMap of(Map<? extends CborValue, ? extends CborValue> entries) {
    for (CborValue key : entries.keySet()) {
      if (!isSupportedKey(key)) {
        throw new IllegalArgumentException("map keys must be integers or text strings");
      }
    }
    return new CborMap(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
  }

  // For the decoder, which has checked the keys and hands over a map nobody else holds.
  static CborMap wrap(LinkedHashMap<CborValue, CborValue> entries) {
    return new CborMap(Collections.unmodifiableMap(entries));
  }

  static boolean isSupportedKey(CborValue key) {
    return key instanceof CborInteger || key instanceof CborTextString;
  }

  /** The entries in the order they were written; unmodifiable. */
  public Map<CborValue, CborValue> entries() {
    return entries;
  }

  /** The value under a text key, or {@code null}. */
  public CborValue get(String key) {
    return entries.get(new CborTextString(key));
  }

  /** The value under an integer key, or {@code null}. */
  public CborValue get(long key) {
    return entries.get(CborInteger.of(key));
  }

  public boolean containsKey(String key) {
    return entries.containsKey(new CborTextString(key));
  }

  public int size() {
    return entries.size();
  }

  @Override
  public String kind() {
    return "a map";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborMap other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "CborMap" + entries;
  }
}
