package dev.tether.instrumentation.api;

/** Facts about the hooked method that woven code passes to a bridge method as constants. */
public enum Origin {
  /** The declaring class, as a {@code Class} literal ({@code Ljava/lang/Class;}). */
  DECLARING_CLASS("Ljava/lang/Class;"),
  /** The declaring class's binary name, e.g. {@code a.b.C$D} ({@code Ljava/lang/String;}). */
  DECLARING_TYPE_NAME("Ljava/lang/String;"),
  /** The method's name ({@code Ljava/lang/String;}). */
  METHOD_NAME("Ljava/lang/String;"),
  /** The method's JVM descriptor ({@code Ljava/lang/String;}). */
  METHOD_DESCRIPTOR("Ljava/lang/String;");

  private final String descriptor;

  Origin(String descriptor) {
    this.descriptor = descriptor;
  }

  /** The descriptor of the value passed. */
  public String descriptor() {
    return descriptor;
  }
}
