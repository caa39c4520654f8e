package dev.tether.instrumentation.api;

import java.util.List;
import java.util.Set;

/** One set of hooks: which types, which of their methods, and what to weave into each. */
public interface TypeInstrumentation {

  /**
   * Internal names (a/b/C) of the types this instrumentation transforms. Empty when {@link
   * #constantPoolMarkers()} selects the candidates instead (then every candidate type is scanned).
   */
  Set<String> typeNames();

  /**
   * Strings whose presence as an entry of a class file's constant pool makes it a candidate: an
   * annotation's descriptor, say, which the pool holds for every annotated member. A class whose
   * name is not in {@link #typeNames()} and whose pool holds none of these is never parsed.
   */
  default Set<String> constantPoolMarkers() {
    return Set.of();
  }

  /**
   * Internal names of types (among {@link #typeNames()}) that get a field of Tether's own, read
   * and written through {@code dev.tether.bootstrap.TetherField}, which they then implement.
   * Added only as the type loads: a type loaded before the agent keeps its shape, and the agent
   * falls back to a map for its objects.
   */
  default Set<String> typesWithTetherField() {
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
