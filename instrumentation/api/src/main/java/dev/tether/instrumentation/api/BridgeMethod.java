package dev.tether.instrumentation.api;

/**
 * A static method that woven code calls. It must be visible from every class loader, so it lives
 * in the bootstrap bridge ({@code dev.tether.bootstrap}), or in the JDK, or (for a factory such as
 * {@code AwsSessionCredentials.create}) in the instrumented library itself.
 *
 * @param owner internal name, e.g. {@code dev/tether/bootstrap/ToolContext}
 * @param descriptor e.g. {@code (Ljava/lang/Runnable;)Ljava/lang/Runnable;}
 */
public record BridgeMethod(String owner, String name, String descriptor) {

  public BridgeMethod {
    if (owner == null || name == null || descriptor == null || !descriptor.startsWith("(")) {
      throw new IllegalArgumentException(
          "a bridge method needs an internal owner name, a name and a descriptor: " + owner + "."
              + name + descriptor);
    }
  }

  public static BridgeMethod of(String owner, String name, String descriptor) {
    return new BridgeMethod(owner, name, descriptor);
  }

  public String returnDescriptor() {
    return descriptor.substring(descriptor.indexOf(')') + 1);
  }
}
