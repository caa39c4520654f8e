package dev.tether.core.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object: unique field names in the order they were read or put. When read from text it also
 * knows where each field name started, for error messages; {@link #equals} ignores that.
 */
public final class JsonObject implements JsonValue {

  private final Map<String, JsonValue> members;
  private final Map<String, JsonPosition> positions;

  // Takes ownership of both maps.
  JsonObject(LinkedHashMap<String, JsonValue> members, Map<String, JsonPosition> positions) {
    this.members = Collections.unmodifiableMap(members);
    this.positions = positions;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fields in order; unmodifiable. */
  public Map<String, JsonValue> members() {
    return members;
  }

  /**
   * The field's value, or {@code null} if there is no such field (a JSON null is {@link JsonNull}).
   */
  public JsonValue get(String name) {
    return members.get(name);
  }

  /** Where the field's name started in the text, or {@code null} if not read from text. */
  public JsonPosition position(String name) {
    return positions.get(name);
  }

  public int size() {
    return members.size();
  }

  @Override
  public String kind() {
    return "an object";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonObject && members.equals(((JsonObject) o).members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  /** Names the fields only: values may be secrets. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("JsonObject{");
    String separator = "";
    for (String name : members.keySet()) {
      s.append(separator).append(SafeName.of(name));
      separator = ", ";
    }
    return s.append('}').toString();
  }

  /** Builds an object in code; fields keep the order they are put in. */
  public static final class Builder {

    private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a field.
     *
     * @throws IllegalArgumentException if the name was already put
     */
    public Builder put(String name, JsonValue value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (members.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("duplicate field '" + SafeName.of(name) + "'");
      }
      return this;
    }

    /** Adds a string field, or a JSON null if {@code value} is null. */
    public Builder put(String name, String value) {
      return put(name, value == null ? JsonNull.INSTANCE : new JsonString(value));
    }

    public JsonObject build() {
      return new JsonObject(new LinkedHashMap<>(members), Map.of());
    }
  }
}
