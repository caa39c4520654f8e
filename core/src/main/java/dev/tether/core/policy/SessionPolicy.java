package dev.tether.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.core.scope.AwsScope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns an {@link AwsScope} into the inline session policy passed to STS ({@code Policy}
 * parameter of AssumeRole), and back.
 *
 * <p>The output is minified and deterministic (same scope, same string), so it can serve as a
 * cache key. An empty scope becomes an explicit deny-all: an STS session with no policy would get
 * the role's full rights.
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

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Set<String> TOP_FIELDS = Set.of("Version", "Statement");
  private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Action", "Resource");

  private SessionPolicy() {}

  /**
   * The minified policy document for {@code scope}.
   *
   * @throws IllegalArgumentException if the scope still has placeholders, or the policy is longer
   *     than {@value #MAX_LENGTH} characters
   */
  public static String toJson(AwsScope scope) {
    if (scope.isEmpty()) {
      return DENY_ALL;
    }
    if (scope.hasPlaceholders()) {
      throw new IllegalArgumentException(
          "AWS scope " + scope.resources() + " still has placeholders; resolve it first");
    }
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode statement = nodes.objectNode();
    statement.put("Sid", ALLOW_SID);
    statement.put("Effect", "Allow");
    ArrayNode actions = statement.putArray("Action");
    scope.actions().forEach(actions::add);
    ArrayNode resources = statement.putArray("Resource");
    scope.resources().forEach(resources::add);
    ObjectNode policy = nodes.objectNode();
    policy.put("Version", VERSION);
    policy.putArray("Statement").add(statement);
    String json;
    try {
      json = MAPPER.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write session policy", e); // in-memory tree
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
    if (policyJson == null) {
      throw new IllegalArgumentException("session policy must not be null");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(policyJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "session policy is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw invalid("it must be a JSON object");
    }
    checkFields(root, TOP_FIELDS, "policy");
    if (!VERSION.equals(text(root.get("Version")))) {
      throw invalid("Version must be \"" + VERSION + "\"");
    }
    JsonNode statements = root.get("Statement");
    if (statements == null || !statements.isArray() || statements.size() != 1) {
      throw invalid("Statement must be an array with exactly one statement");
    }
    JsonNode statement = statements.get(0);
    if (!statement.isObject()) {
      throw invalid("the statement must be a JSON object");
    }
    checkFields(statement, STATEMENT_FIELDS, "statement");
    JsonNode sid = statement.get("Sid");
    if (sid != null && !sid.isTextual()) {
      throw invalid("Sid must be a string");
    }
    List<String> actions = strings(statement.get("Action"), "Action");
    List<String> resources = strings(statement.get("Resource"), "Resource");
    String effect = text(statement.get("Effect"));
    if ("Deny".equals(effect)) {
      if (actions.equals(List.of("*")) && resources.equals(List.of("*"))) {
        return AwsScope.none();
      }
      throw invalid(
          "the only Deny statement understood is the deny-all (Action and Resource \"*\")");
    }
    if (!"Allow".equals(effect)) {
      throw invalid("Effect must be \"Allow\" or \"Deny\"");
    }
    try {
      return new AwsScope(actions, resources);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String what) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid("the " + what + " has unsupported field '" + name + "'; allowed: " + allowed);
      }
    }
  }

  private static List<String> strings(JsonNode node, String field) {
    if (node != null && node.isTextual()) {
      return List.of(node.textValue());
    }
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw invalid(field + " must be a string or a non-empty array of strings");
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw invalid(field + " must contain only strings");
      }
      values.add(element.textValue());
    }
    return values;
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("unsupported session policy: " + why);
  }
}
