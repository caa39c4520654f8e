package dev.tether.core.policy;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.json.SafeName;
import dev.tether.core.scope.AwsScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an {@link AwsScope} into the inline session policy passed to STS ({@code Policy} parameter
 * of AssumeRole), and back.
 *
 * <p>The output is minified and deterministic (same scope, same string), so it can serve as a cache
 * key. An empty scope becomes an explicit deny-all: an STS session with no policy would get the
 * role's full rights.
 */
public final class SessionPolicy {

  /** STS rejects a {@code Policy} parameter longer than this many characters. */
  public static final int MAX_LENGTH = 2048;

  public static final String VERSION = "2012-10-17";
  public static final String ALLOW_SID = "TetherToolScope";
  public static final String DENY_ALL_SID = "TetherDenyAll";

  /** The policy for {@link AwsScope#none()}. */
  public static final String DENY_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherDenyAll\",\"Effect\":\"Deny\","
          + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

  private static final List<String> TOP_FIELDS = List.of("Version", "Statement");
  private static final List<String> STATEMENT_FIELDS =
      List.of("Sid", "Effect", "Action", "Resource", "Condition");

  private SessionPolicy() {}

  /**
   * The minified policy document for {@code scope}.
   *
   * @throws IllegalArgumentException if the scope still has placeholders, or the policy is longer
   *     than {@value #MAX_LENGTH} characters
   */
  public static String toJson(AwsScope scope) {
    return toJson(scope, Map.of());
  }

  /**
   * The policy for {@code scope}, its Allow statement also requiring each network pin: condition
   * key (such as {@code aws:SourceVpce}) to the values of which the request's must be one
   * ({@code StringEquals}; several keys must all match). A pinned policy is refused by {@link
   * #fromJson}: a local enforcer cannot see the network a request came from.
   *
   * @throws IllegalArgumentException as {@link #toJson(AwsScope)}
   */
  public static String toJson(AwsScope scope, Map<String, List<String>> networkPins) {
    if (scope.isEmpty()) {
      return DENY_ALL;
    }
    if (scope.hasPlaceholders()) {
      throw new IllegalArgumentException(
          "AWS scope " + scope.resources() + " still has placeholders; resolve it first");
    }
    JsonObject.Builder statement =
        JsonObject.builder()
            .put("Sid", ALLOW_SID)
            .put("Effect", "Allow")
            .put("Action", JsonArray.ofStrings(scope.actions()))
            .put("Resource", JsonArray.ofStrings(scope.resources()));
    if (!networkPins.isEmpty()) {
      JsonObject.Builder equals = JsonObject.builder();
      for (Map.Entry<String, List<String>> pin : new TreeMap<>(networkPins).entrySet()) {
        equals.put(pin.getKey(), JsonArray.ofStrings(pin.getValue()));
      }
      statement.put("Condition", JsonObject.builder().put("StringEquals", equals.build()).build());
    }
    JsonObject policy =
        JsonObject.builder()
            .put("Version", VERSION)
            .put("Statement", JsonArray.of(List.of(statement.build())))
            .build();
    String json;
    try {
      json = JsonWriter.write(policy);
    } catch (IllegalArgumentException e) { // an unpaired surrogate: STS could not read it either
      throw new IllegalArgumentException("cannot write the session policy: " + e.getMessage());
    }
    if (json.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "session policy is "
              + json.length()
              + " characters, over the STS limit of "
              + MAX_LENGTH
              + " ("
              + scope.actions().size()
              + " actions, "
              + scope.resources().size()
              + " resources); narrow the scope or merge patterns with wildcards,"
              + " e.g. s3:Get* or arn:aws:s3:::bucket/${task.id}/*");
    }
    return json;
  }

  /**
   * Parses a policy that {@link #toJson} produced: one Allow statement, or the deny-all (which
   * gives {@link AwsScope#none()}).
   *
   * @throws IllegalArgumentException for anything else (conditions, several statements, NotAction,
   *     malformed JSON...), since the caller could not enforce it faithfully
   */
  public static AwsScope fromJson(String policyJson) {
    Parsed parsed = read(policyJson);
    if (!parsed.networkPins().isEmpty()) {
      throw invalid("the Allow statement has a Condition, which a local enforcer cannot evaluate");
    }
    return parsed.scope();
  }

  /**
   * A policy {@link #toJson(AwsScope, Map)} produced: its scope and its network pins.
   *
   * @param networkPins condition key to values, empty for an unpinned policy
   */
  public record Parsed(AwsScope scope, Map<String, List<String>> networkPins) {}

  /**
   * Parses a policy that {@link #toJson(AwsScope, Map)} produced, pins included.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Parsed read(String policyJson) {
    if (policyJson == null) {
      throw new IllegalArgumentException("session policy must not be null");
    }
    JsonValue parsed;
    try {
      parsed = JsonReader.parse(policyJson);
    } catch (JsonReadException e) { // its message never quotes the input
      throw new IllegalArgumentException("session policy is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof JsonObject)) {
      throw invalid("it must be a JSON object");
    }
    JsonObject root = (JsonObject) parsed;
    checkFields(root, TOP_FIELDS, "policy");
    if (!VERSION.equals(text(root.get("Version")))) {
      throw invalid("Version must be \"" + VERSION + "\"");
    }
    JsonValue statements = root.get("Statement");
    if (!(statements instanceof JsonArray) || ((JsonArray) statements).size() != 1) {
      throw invalid("Statement must be an array with exactly one statement");
    }
    JsonValue first = ((JsonArray) statements).get(0);
    if (!(first instanceof JsonObject)) {
      throw invalid("the statement must be a JSON object");
    }
    JsonObject statement = (JsonObject) first;
    checkFields(statement, STATEMENT_FIELDS, "statement");
    JsonValue sid = statement.get("Sid");
    if (sid != null && !(sid instanceof JsonString)) {
      throw invalid("Sid must be a string");
    }
    List<String> actions = strings(statement.get("Action"), "Action");
    List<String> resources = strings(statement.get("Resource"), "Resource");
    String effect = text(statement.get("Effect"));
    Map<String, List<String>> pins = pins(statement.get("Condition"));
    if ("Deny".equals(effect)) {
      if (actions.equals(List.of("*")) && resources.equals(List.of("*")) && pins.isEmpty()) {
        return new Parsed(AwsScope.none(), Map.of());
      }
      throw invalid(
          "the only Deny statement understood is the deny-all (Action and Resource \"*\")");
    }
    if (!"Allow".equals(effect)) {
      throw invalid("Effect must be \"Allow\" or \"Deny\"");
    }
    try {
      return new Parsed(new AwsScope(actions, resources), pins);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  // Only what toJson writes: {"StringEquals": {key: [values]}}.
  private static Map<String, List<String>> pins(JsonValue condition) {
    if (condition == null) {
      return Map.of();
    }
    if (!(condition instanceof JsonObject)) {
      throw invalid("Condition must be an object");
    }
    JsonObject operators = (JsonObject) condition;
    checkFields(operators, List.of("StringEquals"), "Condition");
    JsonValue equals = operators.get("StringEquals");
    if (!(equals instanceof JsonObject) || ((JsonObject) equals).size() == 0) {
      throw invalid("Condition's StringEquals must be a non-empty object");
    }
    Map<String, List<String>> pins = new TreeMap<>();
    for (Map.Entry<String, JsonValue> pin : ((JsonObject) equals).members().entrySet()) {
      pins.put(pin.getKey(), strings(pin.getValue(), "StringEquals." + SafeName.of(pin.getKey())));
    }
    return pins;
  }

  private static void checkFields(JsonObject object, List<String> allowed, String what) {
    for (String name : object.members().keySet()) {
      if (!allowed.contains(name)) {
        throw invalid(
            "the "
                + what
                + " has unsupported field '"
                + SafeName.of(name)
                + "'; allowed: "
                + allowed);
      }
    }
  }

  private static List<String> strings(JsonValue value, String field) {
    if (value instanceof JsonString) {
      return List.of(((JsonString) value).value());
    }
    if (!(value instanceof JsonArray) || ((JsonArray) value).size() == 0) {
      throw invalid(field + " must be a string or a non-empty array of strings");
    }
    JsonArray array = (JsonArray) value;
    List<String> values = new ArrayList<>(array.size());
    for (JsonValue element : array.elements()) {
      if (!(element instanceof JsonString)) {
        throw invalid(field + " must contain only strings");
      }
      values.add(((JsonString) element).value());
    }
    return values;
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString ? ((JsonString) value).value() : null;
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("unsupported session policy: " + why);
  }
}
