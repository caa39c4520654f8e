package dev.tether.core.json;

/**
 * A JSON text could not be read: bad syntax or encoding, a duplicate field name, or a limit
 * exceeded. The message says what was expected, where, and under which field; it never quotes the
 * input.
 */
public final class JsonReadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String path;
  private final transient JsonPosition position;

  /**
   * @param reason what was wrong or expected, e.g. "expected ':' after the field name"
   * @param path the field being read, e.g. {@code actions[1]}, already made safe; empty at the top
   * @param position where, or {@code null} if the problem is the input as a whole
   */
  public JsonReadException(String reason, String path, JsonPosition position) {
    super(message(reason, path, position));
    this.reason = reason;
    this.path = path;
    this.position = position;
  }

  public String reason() {
    return reason;
  }

  /** The field being read when it failed, e.g. {@code resources[2]}; empty at the top level. */
  public String path() {
    return path;
  }

  /** Where it failed, or {@code null} if the problem is the input as a whole (e.g. its size). */
  public JsonPosition position() {
    return position;
  }

  private static String message(String reason, String path, JsonPosition position) {
    StringBuilder s = new StringBuilder(reason);
    if (!path.isEmpty()) {
      s.append(" at field '").append(path).append('\'');
    }
    if (position != null) {
      s.append(" (").append(position).append(')');
    }
    return s.toString();
  }
}
