package dev.tether.core.token;

/**
 * The layers of DESIGN.md §2, in delegation order. A chain is a grant, then the task token the
 * Vault made from it, then (optionally) a turn, then (optionally) one tool call: a tool called
 * outside any turn boundary derives straight from the task.
 */
public enum LayerKind {
  GRANT("grant"),
  TASK("task"),
  TURN("turn"),
  TOOL("tool");

  private final String wireName;

  LayerKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether a layer of this kind may directly follow one of kind {@code parent}. */
  public boolean mayFollow(LayerKind parent) {
    switch (this) {
      case TASK:
        return parent == GRANT;
      case TURN:
        return parent == TASK;
      case TOOL:
        return parent == TASK || parent == TURN;
      default:
        return false; // a grant starts a chain
    }
  }

  /** The kind with this wire name, or {@code null}. */
  public static LayerKind fromWire(String name) {
    for (LayerKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
