package dev.tether.instrumentation.api;

import java.util.List;
import java.util.Set;

/**
 * A type instrumentation that is only data: the types it looks at and the hooks it tries on each.
 *
 * @param typeNames internal names of the types; empty when {@code constantPoolMarkers} selects them
 * @param constantPoolMarkers strings that make a class a candidate (see {@link
 *     TypeInstrumentation#constantPoolMarkers()})
 * @param hooks tried in order on every method of every type looked at
 */
public record TypeHooks(Set<String> typeNames, Set<String> constantPoolMarkers, List<MethodHook> hooks)
    implements TypeInstrumentation {

  public TypeHooks {
    typeNames = Set.copyOf(typeNames);
    constantPoolMarkers = Set.copyOf(constantPoolMarkers);
    hooks = List.copyOf(hooks);
  }

  /** The types of these internal names. */
  public static TypeHooks named(Set<String> internalNames, List<MethodHook> hooks) {
    return new TypeHooks(internalNames, Set.of(), hooks);
  }

  /**
   * Every class whose constant pool holds one of {@code markers}: a class declaring a method holds
   * that method's descriptor there, so implementations of a framework's interface are found
   * without naming them.
   */
  public static TypeHooks marked(Set<String> markers, List<MethodHook> hooks) {
    return new TypeHooks(Set.of(), markers, hooks);
  }

  @Override
  public List<MethodHook> hooksFor(String internalName) {
    return hooks;
  }
}
