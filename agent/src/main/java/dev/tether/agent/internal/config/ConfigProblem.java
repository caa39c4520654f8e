package dev.tether.agent.internal.config;

/**
 * One thing wrong with a configuration file, located like a compiler error.
 *
 * @param source the file path, or {@code <classpath:tether.yaml>}
 * @param line 1-based line, or 0 when the problem is about the whole file
 * @param column 1-based column, or 0 when unknown
 * @param message what is wrong
 * @param hint what to write instead; may be null
 */
public record ConfigProblem(String source, int line, int column, String message, String hint) {

  public ConfigProblem {
    if (source == null || message == null) {
      throw new IllegalArgumentException("ConfigProblem needs a source and a message");
    }
  }

  /**
   * Renders {@code tether.yaml:12:7: unknown key 'action' in tools[1].aws — write 'actions'
   * instead}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(source);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ").append(message);
    if (hint != null && !hint.isBlank()) {
      out.append(" — ").append(hint);
    }
    return out.toString();
  }
}
