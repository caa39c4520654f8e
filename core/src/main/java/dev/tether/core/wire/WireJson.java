package dev.tether.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON mapping shared by the agent and the Vault: snake_case names, unknown or duplicate
 * fields rejected, {@link Instant} as an ISO-8601 string ({@code 2025-01-01T00:00:00Z}).
 */
public final class WireJson {

  private static final ObjectMapper MAPPER = build();

  private WireJson() {}

  /** The shared, configured mapper. Do not reconfigure it; {@code copy()} it instead. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serializes a wire record to UTF-8 JSON. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new WireFormatException(
          "cannot write " + (value == null ? "null" : value.getClass().getSimpleName())
              + " as JSON" + where(e));
    }
  }

  /**
   * Reads a wire record from UTF-8 JSON.
   *
   * @throws WireFormatException naming the field, line and column that were wrong, never the
   *     content
   */
  public static <T> T read(byte[] json, Class<T> type) {
    String name = type.getSimpleName();
    if (json == null || json.length == 0) {
      throw new WireFormatException("empty body; expected a JSON " + name);
    }
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new WireFormatException("JSON null; expected a JSON " + name);
      }
      return value;
    } catch (JsonMappingException e) {
      // Jackson reports unknown fields of record types only after the other fields are bound and
      // the constructor ran, so a misspelt field surfaces as "x is required": name it instead.
      String unknown =
          e instanceof UnrecognizedPropertyException ? null : firstUnknownField(json, type);
      if (unknown != null) {
        throw new WireFormatException(
            "unknown field '" + safe(unknown) + "' in " + name + "; known fields: "
                + knownFields(type));
      }
      throw new WireFormatException(describe(e, name));
    } catch (IOException e) {
      throw new WireFormatException(describe(e, name));
    }
  }

  private static String firstUnknownField(byte[] json, Class<?> type) {
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        return null;
      }
      Set<String> known = knownFields(type);
      for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!known.contains(field)) {
          return field;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Set<String> knownFields(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (BeanPropertyDefinition property :
        MAPPER
            .getDeserializationConfig()
            .introspect(MAPPER.constructType(type))
            .findProperties()) {
      names.add(property.getName());
    }
    return names;
  }

  // Builds the message from structured parts only: Jackson's own messages may quote the input.
  private static String describe(IOException e, String type) {
    if (e instanceof UnrecognizedPropertyException) {
      UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
      return "unknown field '" + safe(String.valueOf(u.getPropertyName())) + "' in " + type
          + location(e) + "; known fields: "
          + (u.getReferringClass() == null ? u.getKnownPropertyIds()
              : knownFields(u.getReferringClass()));
    }
    if (e instanceof ValueInstantiationException
        && e.getCause() instanceof IllegalArgumentException) {
      // Our own record validation: its messages name fields, never values of secrets.
      return e.getCause().getMessage() + location(e);
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      MismatchedInputException m = (MismatchedInputException) e;
      String expected =
          m.getTargetType() == null ? "" : ", expected " + m.getTargetType().getSimpleName();
      if (m.getTargetType() == Instant.class) {
        expected = ", expected an ISO-8601 instant such as 2025-01-01T00:00:00Z";
      }
      if (m.getTargetType() != null && m.getTargetType().isPrimitive()) {
        return "field is missing, null or not a(n) " + m.getTargetType().getSimpleName() + " in "
            + type + where(e);
      }
      return "field has the wrong type or format in " + type + where(e) + expected;
    }
    if (e instanceof JsonMappingException) {
      return "invalid JSON for " + type + where(e);
    }
    if (e instanceof StreamReadException) {
      return "malformed JSON (bad syntax, duplicate field or trailing content) for " + type
          + where(e);
    }
    return "cannot read JSON for " + type + ": " + e.getClass().getSimpleName();
  }

  private static String where(Exception e) {
    StringBuilder s = new StringBuilder();
    String path = null;
    if (e instanceof JsonMappingException) {
      path = path((JsonMappingException) e);
    } else if (e instanceof StreamReadException
        && ((StreamReadException) e).getProcessor() != null) {
      path = path(((StreamReadException) e).getProcessor().getParsingContext());
    }
    if (path != null && !path.isEmpty()) {
      s.append(" at field '").append(safe(path)).append('\'');
    }
    return s.append(location(e)).toString();
  }

  private static String location(Exception e) {
    StringBuilder s = new StringBuilder();
    if (e instanceof JsonProcessingException) {
      JsonLocation location = ((JsonProcessingException) e).getLocation();
      if (location != null && location.getLineNr() > 0) {
        s.append(" (line ").append(location.getLineNr())
            .append(", column ").append(location.getColumnNr()).append(')');
      }
    }
    return s.toString();
  }

  private static String path(JsonStreamContext context) {
    String path = "";
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        path = c.getCurrentName() + (path.isEmpty() || path.startsWith("[") ? "" : ".") + path;
      } else if (c.inArray() && c.getCurrentIndex() >= 0) {
        path = "[" + c.getCurrentIndex() + "]" + path;
      }
    }
    return path;
  }

  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        s.append('[').append(ref.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  // Field names come from the input: keep them short and printable.
  private static String safe(String text) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length() && s.length() < 64; i++) {
      char c = text.charAt(i);
      s.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
    }
    return text.length() > 64 ? s + "..." : s.toString();
  }

  private static ObjectMapper build() {
    SimpleModule instants = new SimpleModule("tether-instant");
    instants.addSerializer(Instant.class, new InstantSerializer());
    instants.addDeserializer(Instant.class, new InstantDeserializer());
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .addModule(instants)
        // A number or boolean where a string belongs is a client bug, not something to fix up.
        .withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }

  private static final class InstantSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      try {
        return Instant.parse(p.getText());
      } catch (DateTimeException e) {
        throw InvalidFormatException.from(
            p, "expected an ISO-8601 instant", null, Instant.class);
      }
    }
  }
}
