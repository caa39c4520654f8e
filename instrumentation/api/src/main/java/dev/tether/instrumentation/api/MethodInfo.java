package dev.tether.instrumentation.api;

import java.util.Set;

/**
 * A method as the class file declares it, before its code is read.
 *
 * @param access the access flags ({@code ACC_*} of the JVM specification)
 * @param descriptor the JVM descriptor, e.g. {@code (Ljava/lang/Runnable;)V}
 * @param annotations descriptors of the annotations on the method, e.g. {@code La/b/Tool;}
 */
public record MethodInfo(int access, String name, String descriptor, Set<String> annotations) {

  static final int ACC_STATIC = 0x0008;
  static final int ACC_NATIVE = 0x0100;
  static final int ACC_ABSTRACT = 0x0400;
  static final int ACC_BRIDGE = 0x0040;
  static final int ACC_SYNTHETIC = 0x1000;

  /** Whether the method has code that can be woven: not abstract, not native, not a constructor. */
  public boolean hasWeavableCode() {
    return (access & (ACC_ABSTRACT | ACC_NATIVE)) == 0 && !name.startsWith("<");
  }

  public boolean isStatic() {
    return (access & ACC_STATIC) != 0;
  }

  /** Made by the compiler (a bridge, a lambda's body, an accessor), not written by anyone. */
  public boolean isCompilerMade() {
    return (access & (ACC_BRIDGE | ACC_SYNTHETIC)) != 0;
  }
}
