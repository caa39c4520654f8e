package dev.tether.instrumentation.api;

import java.util.List;
import java.util.Set;

/** Selects methods by what the class file declares; never loads a class. */
@FunctionalInterface
public interface MethodMatcher {

  boolean matches(MethodInfo method);

  default MethodMatcher and(MethodMatcher other) {
    return method -> matches(method) && other.matches(method);
  }

  default MethodMatcher or(MethodMatcher other) {
    return method -> matches(method) || other.matches(method);
  }

  /**
   * Methods someone wrote that have code: not abstract, native, a constructor, or made by the
   * compiler (bridges, lambda bodies).
   */
  static MethodMatcher withCode() {
    return method -> method.hasWeavableCode() && !method.isCompilerMade();
  }

  static MethodMatcher named(String... names) {
    List<String> accepted = List.of(names);
    return method -> accepted.contains(method.name());
  }

  /** {@code descriptorPrefix} such as {@code (Ljava/lang/Runnable;} for "first argument is a Runnable". */
  static MethodMatcher descriptorStartsWith(String descriptorPrefix) {
    return method -> method.descriptor().startsWith(descriptorPrefix);
  }

  /** {@code returnDescriptor} such as {@code Ljava/util/List;}. */
  static MethodMatcher returns(String returnDescriptor) {
    return method -> method.descriptor().endsWith(")" + returnDescriptor);
  }

  static MethodMatcher annotatedWithAny(Set<String> annotationDescriptors) {
    return method -> method.annotations().stream().anyMatch(annotationDescriptors::contains);
  }

  static MethodMatcher none() {
    return method -> false;
  }
}
