package dev.tether.core.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A JSON array. When read from text it also knows where each element started, for error messages;
 * {@link #equals} ignores that.
 */
public final class JsonArray implements JsonValue {

  private final List<JsonValue> elements;
  private final List<JsonPosition> positions;

  // positions is empty, or has one entry per element.
  JsonArray(List<JsonValue> elements, List<JsonPosition> positions) {
    this.elements = List.copyOf(elements);
    this.positions = List.copyOf(positions);
  }

  /** An array of these values; no element may be {@code null} (use {@link JsonNull}). */
  public static JsonArray of(Collection<? extends JsonValue> values) {
    return new JsonArray(List.copyOf(values), List.of());
  }

  /** An array of strings; a {@code null} element becomes a JSON null. */
  public static JsonArray ofStrings(Collection<String> values) {
    List<JsonValue> elements = new ArrayList<>(values.size());
    for (String value : values) {
      elements.add(value == null ? JsonNull.INSTANCE : new JsonString(value));
    }
    return new JsonArray(elements, List.of());
  }

  /** The elements in order; unmodifiable. */
  public List<JsonValue> elements() {
    return elements;
  }

  public JsonValue get(int index) {
    return elements.get(index);
  }

  /** Where element {@code index} started in the text, or {@code null} if not read from text. */
  public JsonPosition position(int index) {
    return positions.isEmpty() ? null : positions.get(index);
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
    return o instanceof JsonArray && elements.equals(((JsonArray) o).elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  /** Shows the size only: elements may be secrets. */
  @Override
  public String toString() {
    return "JsonArray[" + elements.size() + " elements]";
  }
}
