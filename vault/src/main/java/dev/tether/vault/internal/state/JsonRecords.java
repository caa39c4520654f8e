package dev.tether.vault.internal.state;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonBoolean;
import dev.tether.core.json.JsonNull;
import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.wire.IsoInstant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing the Vault's stored records with core's JSON codec. A record that does not
 * read is an {@link IllegalArgumentException} naming the field, never quoting its value.
 */
public final class JsonRecords {

  private JsonRecords() {}

  public static String write(JsonObject record) {
    return JsonWriter.write(record);
  }

  public static JsonObject read(String text) {
    JsonValue value;
    try {
      value = JsonReader.parse(text);
    } catch (JsonReadException e) {
      throw new IllegalArgumentException("a stored record is not JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject)) {
      throw new IllegalArgumentException("a stored record is not a JSON object");
    }
    return (JsonObject) value;
  }

  public static JsonValue number(long value) {
    return JsonNumber.of(value);
  }

  public static JsonValue bool(boolean value) {
    return JsonBoolean.of(value);
  }

  public static JsonValue instant(Instant value) {
    return value == null ? JsonNull.INSTANCE : new JsonString(value.toString());
  }

  public static JsonValue strings(Collection<String> values) {
    return JsonArray.ofStrings(values);
  }

  public static JsonValue stringMap(Map<String, String> values) {
    JsonObject.Builder object = JsonObject.builder();
    values.forEach(object::put);
    return object.build();
  }

  /** A string field; {@code null} when it holds JSON null. */
  public static String string(JsonObject record, String field) {
    JsonValue value = field(record, field);
    if (value == JsonNull.INSTANCE) {
      return null;
    }
    if (!(value instanceof JsonString)) {
      throw wrong(field, "a string");
    }
    return ((JsonString) value).value();
  }

  public static long number(JsonObject record, String field) {
    JsonValue value = field(record, field);
    if (!(value instanceof JsonNumber) || !((JsonNumber) value).isIntegral()) {
      throw wrong(field, "a whole number");
    }
    try {
      return Long.parseLong(((JsonNumber) value).literal());
    } catch (NumberFormatException e) {
      throw wrong(field, "a whole number in range");
    }
  }

  public static boolean bool(JsonObject record, String field) {
    JsonValue value = field(record, field);
    if (!(value instanceof JsonBoolean)) {
      throw wrong(field, "true or false");
    }
    return ((JsonBoolean) value).value();
  }

  /**
   * An ISO-8601 instant; {@code null} when the field holds JSON null. Read with {@link IsoInstant},
   * which gives exactly {@code Instant.parse}'s result without its formatter: a shared store
   * decodes records with instants on every exchange.
   */
  public static Instant instant(JsonObject record, String field) {
    String text = string(record, field);
    try {
      return text == null ? null : IsoInstant.parse(text);
    } catch (DateTimeParseException e) {
      throw wrong(field, "an ISO-8601 instant");
    }
  }

  public static List<String> strings(JsonObject record, String field) {
    JsonValue value = field(record, field);
    if (!(value instanceof JsonArray)) {
      throw wrong(field, "an array of strings");
    }
    List<String> strings = new ArrayList<>();
    for (JsonValue element : ((JsonArray) value).elements()) {
      if (!(element instanceof JsonString)) {
        throw wrong(field, "an array of strings");
      }
      strings.add(((JsonString) element).value());
    }
    return strings;
  }

  public static Map<String, String> stringMap(JsonObject record, String field) {
    JsonValue value = field(record, field);
    if (!(value instanceof JsonObject)) {
      throw wrong(field, "an object of strings");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> member : ((JsonObject) value).members().entrySet()) {
      if (!(member.getValue() instanceof JsonString)) {
        throw wrong(field, "an object of strings");
      }
      map.put(member.getKey(), ((JsonString) member.getValue()).value());
    }
    return map;
  }

  public static List<JsonObject> objects(JsonObject record, String field) {
    JsonValue value = field(record, field);
    if (!(value instanceof JsonArray)) {
      throw wrong(field, "an array of objects");
    }
    List<JsonObject> objects = new ArrayList<>();
    for (JsonValue element : ((JsonArray) value).elements()) {
      if (!(element instanceof JsonObject)) {
        throw wrong(field, "an array of objects");
      }
      objects.add((JsonObject) element);
    }
    return objects;
  }

  private static JsonValue field(JsonObject record, String field) {
    JsonValue value = record.get(field);
    if (value == null) {
      throw new IllegalArgumentException("a stored record has no field '" + field + "'");
    }
    return value;
  }

  private static IllegalArgumentException wrong(String field, String expected) {
    return new IllegalArgumentException(
        "field '" + field + "' of a stored record is not " + expected);
  }
}
