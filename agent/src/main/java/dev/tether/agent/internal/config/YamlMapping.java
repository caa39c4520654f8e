package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.yaml.YamlMap;
import dev.tether.agent.internal.config.yaml.YamlNode;
import dev.tether.agent.internal.config.yaml.YamlScalar;
import dev.tether.agent.internal.config.yaml.YamlSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one YAML mapping, checked against the keys allowed there: unknown keys (with the
 * closest known key as a hint) and repeated keys are reported, not silently dropped or overwritten.
 */
final class YamlMapping {

  private final Map<String, YamlMap.Entry> entries;

  private YamlMapping(Map<String, YamlMap.Entry> entries) {
    this.entries = entries;
  }

  /**
   * Reads {@code node} as the mapping at {@code path} ("" for the top level). An absent section
   * (null) or an empty value (a key with nothing after it) counts as an empty mapping.
   *
   * @param movedKeys keys that belong in another section, with the hint to give for them
   * @param example one entry of this mapping, for the hint when {@code node} is not a mapping
   * @return the entries, or null when {@code node} is not a mapping (reported)
   */
  static YamlMapping read(
      YamlNode node,
      String path,
      List<String> knownKeys,
      Map<String, String> movedKeys,
      String example,
      Problems problems) {
    if (node == null || isNull(node)) {
      return new YamlMapping(Map.of());
    }
    if (!(node instanceof YamlMap)) {
      if (path.isEmpty()) {
        problems.at(
            node,
            "the file must be a mapping of top-level keys, not " + describe(node),
            "start with a key such as '" + example + "'");
      } else {
        problems.at(
            node,
            "'" + path + "' must be a mapping of keys, not " + describe(node),
            "indent its keys below it, e.g. '" + example + "'");
      }
      return null;
    }
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    for (YamlMap.Entry entry : ((YamlMap) node).entries()) {
      YamlScalar keyNode = entry.key();
      String key = keyNode.value();
      YamlMap.Entry first = entries.get(key);
      if (first != null) {
        problems.at(
            keyNode,
            "duplicate key '"
                + key
                + "' in "
                + where(path)
                + " (first at line "
                + first.key().line()
                + ")",
            "keep one '" + key + "' entry");
        continue;
      }
      if (!knownKeys.contains(key)) {
        problems.at(
            keyNode,
            "unknown key '" + key + "' in " + where(path),
            unknownKeyHint(key, knownKeys, movedKeys));
        continue;
      }
      entries.put(key, entry);
    }
    return new YamlMapping(entries);
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value node for {@code key}, or null when absent. */
  YamlNode value(String key) {
    YamlMap.Entry entry = entries.get(key);
    return entry == null ? null : entry.value();
  }

  /** The key node for {@code key}, or null when absent. */
  YamlNode keyNode(String key) {
    YamlMap.Entry entry = entries.get(key);
    return entry == null ? null : entry.key();
  }

  /** YAML's "no value": nothing after the key, or an unquoted ~ or null. */
  static boolean isNull(YamlNode node) {
    return node instanceof YamlScalar scalar && scalar.isNull();
  }

  static String describe(YamlNode node) {
    if (node instanceof YamlSequence) {
      return "a list";
    }
    if (node instanceof YamlMap) {
      return "a mapping";
    }
    if (isNull(node)) {
      return "empty";
    }
    return "the value '" + ((YamlScalar) node).value() + "'";
  }

  private static String where(String path) {
    return path.isEmpty() ? "the top level" : path;
  }

  private static String unknownKeyHint(
      String key, List<String> knownKeys, Map<String, String> movedKeys) {
    String moved = movedKeys.get(key);
    if (moved != null) {
      return moved;
    }
    String closest = KeySuggestions.closest(key, knownKeys);
    if (closest != null) {
      return "write '" + closest + "' instead";
    }
    return "known keys here: " + String.join(", ", knownKeys);
  }
}
