package dev.tether.agent.internal.config.yaml;

/**
 * Text that is not in the YAML subset this parser reads, located like a compiler error. A user
 * error, not a bug: it carries no stack trace.
 */
public final class YamlException extends Exception {

  private final int line;
  private final int column;
  private final String hint;

  /**
   * @param line 1-based, or 0 for the whole file
   * @param column 1-based, or 0 when unknown
   * @param hint what to write instead
   */
  YamlException(int line, int column, String message, String hint) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
    this.hint = hint;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String hint() {
    return hint;
  }
}
