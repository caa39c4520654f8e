package dev.tether.agent.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The entries of one YAML mapping, checked against the keys allowed there: unknown keys (with the
 * closest known key as a hint) and repeated keys are reported, not silently dropped or overwritten.
 */
final class YamlMapping {

  private final Map<String, NodeTuple> entries;

  private YamlMapping(Map<String, NodeTuple> entries) {
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
      Node node,
      String path,
      List<String> knownKeys,
      Map<String, String> movedKeys,
      String example,
      Problems problems) {
    if (node == null || isNull(node)) {
      return new YamlMapping(Map.of());
    }
    if (!(node instanceof MappingNode)) {
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
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        problems.at(
            keyNode,
            "a key in " + where(path) + " is " + describe(keyNode),
            "write a plain word as key");
        continue;
      }
      String key = ((ScalarNode) keyNode).getValue();
      NodeTuple first = entries.get(key);
      if (first != null) {
        problems.at(
            keyNode,
            "duplicate key '"
                + key
                + "' in "
                + where(path)
                + " (first at line "
                + line(first.getKeyNode())
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
      entries.put(key, tuple);
    }
    return new YamlMapping(entries);
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value node for {@code key}, or null when absent. */
  Node value(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : tuple.getValueNode();
  }

  /** The key node for {@code key}, or null when absent. */
  Node keyNode(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : tuple.getKeyNode();
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  static String describe(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (isNull(node)) {
      return "empty";
    }
    return "the value '" + ((ScalarNode) node).getValue() + "'";
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
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
