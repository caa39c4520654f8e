package dev.tether.vault;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.scope.AwsScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tools a grant may name, each with the widest AWS scope any task may get for it: the upper
 * bound the operator sets at the Vault. An orchestrator names tools; their scopes come from here,
 * and every token derived below the grant can only narrow them.
 *
 * <p>The file form ({@code --tools-file}) is JSON:
 *
 * <pre>{"tools": {"readBuildLog": {"aws": {"actions": ["s3:GetObject"],
 *     "resources": ["arn:aws:s3:::build-logs/${task.id}/*"]}}}}</pre>
 */
public final class ToolCatalogue {

  private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final ToolCatalogue EMPTY = new ToolCatalogue(Map.of());

  private final Map<String, AwsScope> tools;

  private ToolCatalogue(Map<String, AwsScope> tools) {
    this.tools = tools;
  }

  public static ToolCatalogue empty() {
    return EMPTY;
  }

  /** @throws IllegalArgumentException naming a bad tool name */
  public static ToolCatalogue of(Map<String, AwsScope> tools) {
    Map<String, AwsScope> copy = new LinkedHashMap<>();
    for (Map.Entry<String, AwsScope> tool : tools.entrySet()) {
      if (!TOOL.matcher(tool.getKey()).matches()) {
        throw new IllegalArgumentException(
            "tool name '" + tool.getKey() + "' must be letters, digits and _ . -, 1 to 64"
                + " characters");
      }
      copy.put(tool.getKey(), tool.getValue());
    }
    return new ToolCatalogue(Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a catalogue file.
   *
   * @throws IllegalArgumentException naming the file, the tool and what to write instead
   */
  public static ToolCatalogue read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the tool catalogue " + file + " (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + ")");
    }
    return parse(bytes, file.toString());
  }

  /**
   * Reads a catalogue from JSON bytes.
   *
   * @param source where they came from, for messages
   * @throws IllegalArgumentException naming the source, the tool and what to write instead
   */
  public static ToolCatalogue parse(byte[] bytes, String source) {
    JsonValue root;
    try {
      root = JsonReader.parse(bytes);
    } catch (JsonReadException e) {
      throw new IllegalArgumentException("the tool catalogue " + source + " is not JSON: "
          + e.getMessage());
    }
    String where = "the tool catalogue " + source;
    JsonValue tools = root instanceof JsonObject ? ((JsonObject) root).get("tools") : null;
    if (!(tools instanceof JsonObject) || ((JsonObject) root).size() != 1) {
      throw new IllegalArgumentException(
          where + " must be {\"tools\": {\"<name>\": {\"aws\": {\"actions\": [...],"
              + " \"resources\": [...]}}}}");
    }
    Map<String, AwsScope> scopes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> tool : ((JsonObject) tools).members().entrySet()) {
      String at = where + ", tool '" + tool.getKey() + "'";
      JsonValue aws = tool.getValue() instanceof JsonObject ? ((JsonObject) tool.getValue()).get("aws") : null;
      if (!(aws instanceof JsonObject) || ((JsonObject) tool.getValue()).size() != 1) {
        throw new IllegalArgumentException(at + " must be {\"aws\": {\"actions\": [...], \"resources\": [...]}}");
      }
      JsonObject scope = (JsonObject) aws;
      if (scope.size() != 2) {
        throw new IllegalArgumentException(at + ": 'aws' must have exactly 'actions' and 'resources'");
      }
      try {
        scopes.put(tool.getKey(),
            new AwsScope(strings(scope.get("actions"), at + " actions"),
                strings(scope.get("resources"), at + " resources")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage());
      }
    }
    try {
      return of(scopes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static List<String> strings(JsonValue value, String where) {
    if (!(value instanceof JsonArray)) {
      throw new IllegalArgumentException(where + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue element : ((JsonArray) value).elements()) {
      if (!(element instanceof JsonString)) {
        throw new IllegalArgumentException(where + " must hold strings only");
      }
      out.add(((JsonString) element).value());
    }
    return out;
  }

  /** The tool's scope, or {@code null} if the catalogue does not have it. */
  public AwsScope scope(String tool) {
    return tools.get(tool);
  }

  public Map<String, AwsScope> tools() {
    return tools;
  }

  @Override
  public String toString() {
    return "ToolCatalogue" + tools.keySet();
  }
}
