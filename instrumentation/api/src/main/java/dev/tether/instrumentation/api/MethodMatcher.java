package dev.tether.instrumentation.api;

import java.util.List;
import java.util.Set;

/**
 * Selects methods by what the class file declares; never loads a class. The matchers below are
 * small records rather than lambdas: they are built in premain, where every lambda would cost a
 * class spun at run time, and a record prints what it matches.
 */
@FunctionalInterface
public interface MethodMatcher {

  boolean matches(MethodInfo method);

  default MethodMatcher and(MethodMatcher other) {
    return new Both(this, other);
  }

  default MethodMatcher or(MethodMatcher other) {
    return new Either(this, other);
  }

  /**
   * Methods someone wrote that have code: not abstract, native, a constructor, or made by the
   * compiler (bridges, lambda bodies).
   */
  static MethodMatcher withCode() {
    return WithCode.INSTANCE;
  }

  static MethodMatcher named(String... names) {
    return new Named(List.of(names));
  }

  /** {@code descriptorPrefix} such as {@code (Ljava/lang/Runnable;} for "first argument is a Runnable". */
  static MethodMatcher descriptorStartsWith(String descriptorPrefix) {
    return new DescriptorStartsWith(descriptorPrefix);
  }

  /** {@code returnDescriptor} such as {@code Ljava/util/List;}. */
  static MethodMatcher returns(String returnDescriptor) {
    return new Returns(")" + returnDescriptor);
  }

  static MethodMatcher annotatedWithAny(Set<String> annotationDescriptors) {
    return new AnnotatedWithAny(Set.copyOf(annotationDescriptors));
  }

  static MethodMatcher none() {
    return None.INSTANCE;
  }

  /** Both match. */
  record Both(MethodMatcher first, MethodMatcher second) implements MethodMatcher {
    @Override
    public boolean matches(MethodInfo method) {
      return first.matches(method) && second.matches(method);
    }
  }

  /** Either matches. */
  record Either(MethodMatcher first, MethodMatcher second) implements MethodMatcher {
    @Override
    public boolean matches(MethodInfo method) {
      return first.matches(method) || second.matches(method);
    }
  }

  /** See {@link #withCode()}. */
  enum WithCode implements MethodMatcher {
    INSTANCE;

    @Override
    public boolean matches(MethodInfo method) {
      return method.hasWeavableCode() && !method.isCompilerMade();
    }
  }

  /** The method's name is one of {@code names}. */
  record Named(List<String> names) implements MethodMatcher {
    @Override
    public boolean matches(MethodInfo method) {
      return names.contains(method.name());
    }
  }

  /** The descriptor starts with {@code prefix}. */
  record DescriptorStartsWith(String prefix) implements MethodMatcher {
    @Override
    public boolean matches(MethodInfo method) {
      return method.descriptor().startsWith(prefix);
    }
  }

  /** The descriptor ends with {@code suffix}: {@code )} and the return type's descriptor. */
  record Returns(String suffix) implements MethodMatcher {
    @Override
    public boolean matches(MethodInfo method) {
      return method.descriptor().endsWith(suffix);
    }
  }

  /** The method carries one of these annotations (by descriptor). */
  record AnnotatedWithAny(Set<String> descriptors) implements MethodMatcher {
    @Override
    public boolean matches(MethodInfo method) {
      for (String annotation : method.annotations()) {
        if (descriptors.contains(annotation)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Matches nothing. */
  enum None implements MethodMatcher {
    INSTANCE;

    @Override
    public boolean matches(MethodInfo method) {
      return false;
    }
  }
}
