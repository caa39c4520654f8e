package dev.tether.core.json;

import java.util.Objects;

/** A JSON string. {@link #toString()} hides the content: strings may hold secrets. */
public record JsonString(String value) implements JsonValue {

  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String kind() {
    return "a string";
  }

  @Override
  public String toString() {
    return "JsonString[" + value.length() + " chars]";
  }
}
