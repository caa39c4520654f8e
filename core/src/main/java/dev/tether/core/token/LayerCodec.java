package dev.tether.core.token;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.json.SafeName;
import dev.tether.core.scope.AwsScope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer as compact JSON. The bytes written are what the chain's MAC covers, so the Vault checks
 * exactly the bytes the agent signed; reading is strict (unknown fields, wrong types, duplicate
 * names and trailing data are errors), so two readers cannot disagree about what a layer says.
 */
final class LayerCodec {

  static final int MAX_LAYER_BYTES = 16 * 1024;

  private static final List<String> FIELDS =
      List.of("typ", "jti", "par", "iss", "kid", "task", "usr", "act", "cnf", "att", "iat", "exp",
          "repos", "tools");
  private static final List<String> SCOPE_FIELDS = List.of("actions", "resources");

  private LayerCodec() {}

  static byte[] write(TokenLayer layer) {
    JsonObject.Builder json = JsonObject.builder().put("typ", layer.kind().wireName())
        .put("jti", layer.id());
    putIfPresent(json, "par", layer.parentId());
    putIfPresent(json, "iss", layer.issuer());
    putIfPresent(json, "kid", layer.keyId());
    putIfPresent(json, "task", layer.taskId());
    putIfPresent(json, "usr", layer.userId());
    json.put("act", layer.actor());
    putIfPresent(json, "cnf", layer.confirmation());
    putIfPresent(json, "att", layer.attestation());
    json
        .put("iat", JsonNumber.of(layer.issuedAt()))
        .put("exp", JsonNumber.of(layer.expiresAt()))
        .put("repos", JsonArray.ofStrings(layer.repos()));
    JsonObject.Builder tools = JsonObject.builder();
    for (Map.Entry<String, ToolRights> tool : layer.tools().entrySet()) {
      JsonObject.Builder rights = JsonObject.builder();
      if (!tool.getValue().isInherited()) {
        AwsScope aws = tool.getValue().aws();
        rights.put("actions", JsonArray.ofStrings(aws.actions()))
            .put("resources", JsonArray.ofStrings(aws.resources()));
      }
      tools.put(tool.getKey(), rights.build());
    }
    json.put("tools", tools.build());
    return JsonWriter.writeUtf8(json.build());
  }

  /** @param position e.g. "layer 2 (of 4)", for messages */
  static TokenLayer read(byte[] utf8, String position) {
    if (utf8.length > MAX_LAYER_BYTES) {
      throw malformed(position + " is " + utf8.length + " bytes; at most " + MAX_LAYER_BYTES);
    }
    JsonValue value;
    try {
      value = JsonReader.parse(utf8, 8, MAX_LAYER_BYTES);
    } catch (JsonReadException e) {
      throw malformed(position + " is not valid JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject)) {
      throw malformed(position + " must be a JSON object, not " + value.kind());
    }
    JsonObject object = (JsonObject) value;
    for (String name : object.members().keySet()) {
      if (!FIELDS.contains(name)) {
        throw malformed(position + " has unknown field '" + SafeName.of(name) + "'");
      }
    }
    String typ = text(object, "typ", position);
    if (typ == null) {
      throw malformed(position + " has no 'typ'; expected grant, task, turn or tool");
    }
    LayerKind kind = LayerKind.fromWire(typ);
    if (kind == null) {
      throw malformed(position + " has typ '" + SafeName.of(typ) + "'; expected grant, task, turn or tool");
    }
    try {
      return new TokenLayer(
          kind,
          text(object, "jti", position),
          text(object, "par", position),
          text(object, "iss", position),
          text(object, "kid", position),
          text(object, "task", position),
          text(object, "usr", position),
          text(object, "act", position),
          epochSeconds(object, "iat", position),
          epochSeconds(object, "exp", position),
          strings(object.get("repos"), position + " field 'repos'"),
          tools(object.get("tools"), position),
          text(object, "cnf", position),
          text(object, "att", position));
    } catch (IllegalArgumentException e) {
      throw malformed(position + ": " + e.getMessage());
    }
  }

  private static Map<String, ToolRights> tools(JsonValue value, String position) {
    if (!(value instanceof JsonObject)) {
      throw malformed(position + " field 'tools' must be an object of tool name to scope");
    }
    Map<String, ToolRights> tools = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> tool : ((JsonObject) value).members().entrySet()) {
      String where = position + " tool '" + SafeName.of(tool.getKey()) + "'";
      if (!(tool.getValue() instanceof JsonObject)) {
        throw malformed(where + " must be an object: {} or {\"actions\":[...],\"resources\":[...]}");
      }
      JsonObject rights = (JsonObject) tool.getValue();
      for (String name : rights.members().keySet()) {
        if (!SCOPE_FIELDS.contains(name)) {
          throw malformed(where + " has unknown field '" + SafeName.of(name) + "'");
        }
      }
      if (rights.size() == 0) {
        tools.put(tool.getKey(), ToolRights.inherited());
      } else if (rights.size() != 2) {
        throw malformed(where + " must give both 'actions' and 'resources', or neither");
      } else {
        tools.put(
            tool.getKey(),
            ToolRights.of(
                new AwsScope(
                    strings(rights.get("actions"), where + " field 'actions'"),
                    strings(rights.get("resources"), where + " field 'resources'"))));
      }
    }
    return tools;
  }

  private static List<String> strings(JsonValue value, String where) {
    if (!(value instanceof JsonArray)) {
      throw malformed(where + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue element : ((JsonArray) value).elements()) {
      if (!(element instanceof JsonString)) {
        throw malformed(where + " must hold strings only, not " + element.kind());
      }
      out.add(((JsonString) element).value());
    }
    return out;
  }

  private static String text(JsonObject object, String field, String position) {
    JsonValue value = object.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonString)) {
      throw malformed(position + " field '" + field + "' must be a string, not " + value.kind());
    }
    return ((JsonString) value).value();
  }

  private static long epochSeconds(JsonObject object, String field, String position) {
    JsonValue value = object.get(field);
    if (!(value instanceof JsonNumber) || !((JsonNumber) value).isIntegral()) {
      throw malformed(position + " field '" + field + "' must be an integer (epoch seconds)");
    }
    String literal = ((JsonNumber) value).literal();
    if (literal.length() > 12) {
      throw malformed(position + " field '" + field + "' is out of range for epoch seconds");
    }
    return new BigDecimal(literal).longValueExact();
  }

  private static void putIfPresent(JsonObject.Builder json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  private static TokenFormatException malformed(String message) {
    return new TokenFormatException(ChainRefusal.Reason.MALFORMED, message);
  }
}
