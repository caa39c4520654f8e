package dev.tether.instrumentation.api;

/**
 * What woven code passes to a bridge method: facts about the hooked method (as constants), or the
 * receiver or an argument of the running call.
 */
public enum Origin {
  /** The declaring class, as a {@code Class} literal ({@code Ljava/lang/Class;}). */
  DECLARING_CLASS("Ljava/lang/Class;"),
  /** The declaring class's binary name, e.g. {@code a.b.C$D} ({@code Ljava/lang/String;}). */
  DECLARING_TYPE_NAME("Ljava/lang/String;"),
  /** The method's name ({@code Ljava/lang/String;}). */
  METHOD_NAME("Ljava/lang/String;"),
  /** The method's JVM descriptor ({@code Ljava/lang/String;}). */
  METHOD_DESCRIPTOR("Ljava/lang/String;"),
  /** The receiver of an instance method ({@code Ljava/lang/Object;}). */
  THIS("Ljava/lang/Object;"),
  /** The method's first argument, a reference ({@code Ljava/lang/Object;}). */
  FIRST_ARGUMENT("Ljava/lang/Object;"),
  /** The method's second argument, a reference ({@code Ljava/lang/Object;}). */
  SECOND_ARGUMENT("Ljava/lang/Object;"),
  /** The method's third argument, a reference ({@code Ljava/lang/Object;}). */
  THIRD_ARGUMENT("Ljava/lang/Object;");

  private final String descriptor;

  Origin(String descriptor) {
    this.descriptor = descriptor;
  }

  /** The descriptor of the value passed. */
  public String descriptor() {
    return descriptor;
  }
}
