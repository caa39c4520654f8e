package dev.tether.core.wire;

import java.util.List;

/** Field checks for wire records; messages use the snake_case names seen on the wire. */
final class Required {

  private Required() {}

  static void notNull(String type, String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(type + ": field '" + field + "' is required");
    }
  }

  static void text(String type, String field, String value) {
    notNull(type, field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(type + ": field '" + field + "' must not be blank");
    }
  }

  static List<String> strings(String type, String field, List<String> values) {
    notNull(type, field, values);
    for (String value : values) { // List.of(..).contains(null) would throw NPE
      if (value == null) {
        throw new IllegalArgumentException(type + ": field '" + field + "' must not contain null");
      }
    }
    return List.copyOf(values);
  }
}
