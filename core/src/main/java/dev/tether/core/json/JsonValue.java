package dev.tether.core.json;

/** One JSON value: an object, an array, a string, a number, {@code true}/{@code false} or null. */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /** What this value is, for error messages: "an object", "a string", "null"... */
  String kind();
}
