package dev.tether.agent.internal.config.yaml;

/**
 * A single value, always text: the configuration parser converts and checks it.
 *
 * @param value the text, escapes resolved; for an empty value, ""
 * @param quoted written in single or double quotes
 * @param isNull an unquoted {@code ~}, {@code null}, {@code Null}, {@code NULL} or nothing at all:
 *     YAML's "no value"
 */
public record YamlScalar(String value, int line, int column, boolean quoted, boolean isNull)
    implements YamlNode {

  /** A scalar as written without quotes: null when it spells YAML's null. */
  static YamlScalar plain(String value, int line, int column) {
    return new YamlScalar(value, line, column, false, spellsNull(value));
  }

  static YamlScalar quoted(String value, int line, int column) {
    return new YamlScalar(value, line, column, true, false);
  }

  /** Nothing written, e.g. after {@code key:}. */
  static YamlScalar empty(int line, int column) {
    return new YamlScalar("", line, column, false, true);
  }

  private static boolean spellsNull(String value) {
    switch (value) {
      case "":
      case "~":
      case "null":
      case "Null":
      case "NULL":
        return true;
      default:
        return false;
    }
  }
}
