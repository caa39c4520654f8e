package dev.tether.instrumentation.api;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Binary class names ({@code a.b.C$D}) as the internal names class files use ({@code a/b/C$D}). */
public final class TypeNames {

  private TypeNames() {}

  public static Set<String> internal(Collection<String> binaryNames) {
    Set<String> internal = new HashSet<>();
    for (String name : binaryNames) {
      internal.add(name.replace('.', '/'));
    }
    return Set.copyOf(internal);
  }

  /** {@code a.b.Tool} as the descriptor {@code La/b/Tool;}. */
  public static Set<String> descriptors(Collection<String> binaryNames) {
    Set<String> descriptors = new HashSet<>();
    for (String name : binaryNames) {
      descriptors.add("L" + name.replace('.', '/') + ";");
    }
    return Set.copyOf(descriptors);
  }
}
