package dev.tether.core.wire;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonBoolean;
import dev.tether.core.json.JsonNull;
import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonPosition;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.SafeName;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of one wire record's JSON object. A field that is absent or JSON null
 * reads as {@code null}, so the record's own validation names it; a value of the wrong type is an
 * error naming the field and the expected type, never the value.
 */
final class WireFields {

  private static final String INSTANT_EXAMPLE = "an ISO-8601 instant such as 2025-01-01T00:00:00Z";

  private final String type;
  private final JsonObject object;

  /**
   * @throws WireFormatException for the first field, in document order, not in {@code known}:
   *     checked first, since a misspelt field would otherwise surface as a missing one
   */
  WireFields(String type, JsonObject object, List<String> known) {
    this.type = type;
    this.object = object;
    for (String name : object.members().keySet()) {
      if (!known.contains(name)) {
        throw new WireFormatException(
            "unknown field '"
                + SafeName.of(name)
                + "' in "
                + type
                + "; known fields: "
                + known
                + at(object.position(name)));
      }
    }
  }

  String text(String field) {
    JsonValue value = object.get(field);
    if (isAbsent(value)) {
      return null;
    }
    if (!(value instanceof JsonString)) {
      throw wrongType(field, object.position(field), "a string", value);
    }
    return ((JsonString) value).value();
  }

  /** A JSON null element stays null, for the record to reject. */
  List<String> strings(String field) {
    JsonValue value = object.get(field);
    if (isAbsent(value)) {
      return null;
    }
    if (!(value instanceof JsonArray)) {
      throw wrongType(field, object.position(field), "an array of strings", value);
    }
    JsonArray array = (JsonArray) value;
    List<String> strings = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonValue element = array.get(i);
      if (element instanceof JsonString) {
        strings.add(((JsonString) element).value());
      } else if (element == JsonNull.INSTANCE) {
        strings.add(null);
      } else {
        throw wrongType(field + "[" + i + "]", array.position(i), "a string", element);
      }
    }
    return strings;
  }

  /**
   * A nested wire record, or {@code null} when absent or JSON null. Its own unknown fields and
   * types are checked as for a top-level record, named {@code <type>.<field>}.
   */
  <T> T nested(String field, WireCodec<T> codec) {
    JsonValue value = object.get(field);
    if (isAbsent(value)) {
      return null;
    }
    if (!(value instanceof JsonObject)) {
      throw wrongType(field, object.position(field), "a JSON object", value);
    }
    return codec.read(new WireFields(type + "." + field, (JsonObject) value, codec.fields()));
  }

  /**
   * An array of nested wire records; {@code null} when absent or JSON null. Each element is
   * checked as a nested record, named {@code <type>.<field>[i]}; a JSON null element is an error.
   */
  <T> List<T> objects(String field, WireCodec<T> codec) {
    JsonValue value = object.get(field);
    if (isAbsent(value)) {
      return null;
    }
    if (!(value instanceof JsonArray)) {
      throw wrongType(field, object.position(field), "an array of JSON objects", value);
    }
    JsonArray array = (JsonArray) value;
    List<T> records = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonValue element = array.get(i);
      if (!(element instanceof JsonObject)) {
        throw wrongType(field + "[" + i + "]", array.position(i), "a JSON object", element);
      }
      records.add(codec.read(
          new WireFields(type + "." + field + "[" + i + "]", (JsonObject) element, codec.fields())));
    }
    return records;
  }

  /** A boolean: absent, null and other types are all errors. */
  boolean bool(String field) {
    JsonValue value = object.get(field);
    if (value instanceof JsonBoolean) {
      return ((JsonBoolean) value).value();
    }
    throw new WireFormatException(
        "field is missing, null or not a boolean in "
            + type
            + " at field '"
            + field
            + "'"
            + at(object.position(field))
            + ": expected true or false"
            + (value == null ? "" : ", found " + value.kind()));
  }

  /** A primitive int: absent, null, fractions and values out of range are all errors. */
  int integer(String field) {
    JsonValue value = object.get(field);
    String problem;
    if (value == null) {
      problem = "the field is absent";
    } else if (!(value instanceof JsonNumber)) {
      problem = "found " + value.kind();
    } else {
      try {
        return ((JsonNumber) value).intValueExact();
      } catch (ArithmeticException e) {
        problem = e.getMessage();
      }
    }
    return failInt(field, problem);
  }

  Instant instant(String field) {
    JsonValue value = object.get(field);
    if (isAbsent(value)) {
      return null;
    }
    if (!(value instanceof JsonString)) {
      throw wrongType(field, object.position(field), INSTANT_EXAMPLE + " (a string)", value);
    }
    try {
      return IsoInstant.parse(((JsonString) value).value());
    } catch (DateTimeException e) { // its message quotes the text: not passed on
      throw new WireFormatException(
          "field has the wrong format in "
              + type
              + " at field '"
              + field
              + "'"
              + at(object.position(field))
              + ": expected "
              + INSTANT_EXAMPLE);
    }
  }

  private int failInt(String field, String problem) {
    throw new WireFormatException(
        "field is missing, null or not a(n) int in "
            + type
            + " at field '"
            + field
            + "'"
            + at(object.position(field))
            + ": "
            + problem);
  }

  private WireFormatException wrongType(
      String field, JsonPosition where, String expected, JsonValue found) {
    return new WireFormatException(
        "field has the wrong type in "
            + type
            + " at field '"
            + field
            + "'"
            + at(where)
            + ": expected "
            + expected
            + ", found "
            + found.kind());
  }

  private static boolean isAbsent(JsonValue value) {
    return value == null || value == JsonNull.INSTANCE;
  }

  private static String at(JsonPosition where) {
    return where == null ? "" : " (" + where + ")";
  }
}
