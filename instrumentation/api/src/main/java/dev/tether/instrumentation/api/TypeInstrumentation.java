package dev.tether.instrumentation.api;

import java.util.List;
import java.util.Set;

/** One set of hooks: which types, which of their methods, and what to weave into each. */
public interface TypeInstrumentation {

  /**
   * Internal names (a/b/C) of the types this instrumentation transforms. Empty when {@link
   * #byteMarkers()} selects the candidates instead (then every candidate type is scanned).
   */
  Set<String> typeNames();

  /**
   * Strings whose presence in a class file's bytes makes it a candidate (an annotation descriptor,
   * say). A class whose name is not in {@link #typeNames()} and whose bytes contain none of these
   * is never parsed.
   */
  default Set<String> byteMarkers() {
    return Set.of();
  }

  /**
   * The hooks for one of the types this instrumentation applies to, tried in order; a method takes
   * the first hook that matches it.
   */
  List<MethodHook> hooksFor(String internalName);

  /** Whether this instrumentation looks at the type at all. */
  default boolean appliesTo(String internalName) {
    Set<String> names = typeNames();
    return names.isEmpty() || names.contains(internalName);
  }
}
