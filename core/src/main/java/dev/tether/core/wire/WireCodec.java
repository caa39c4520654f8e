package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

/** Maps one wire record to and from its JSON object, field by field, without reflection. */
interface WireCodec<T> {

  Class<T> type();

  /** The snake_case field names, in the order they are written. */
  List<String> fields();

  JsonObject write(T value);

  /**
   * Builds the record from fields already checked for unknown names.
   *
   * @throws WireFormatException for a field of the wrong type
   * @throws IllegalArgumentException from the record's own validation
   */
  T read(WireFields fields);
}
