package dev.tether.agent.internal.config;

/**
 * A method named in configuration as a tool or turn boundary: {@code com.acme.Tools#fetch}.
 *
 * @param className binary class name ({@code com.acme.Outer$Inner}), no wildcards
 * @param methodName the method's name, or {@code *} for every method the class declares
 */
public record BoundarySpec(String className, String methodName) {

  public static final String ANY_METHOD = "*";

  public BoundarySpec {
    String problem = classNameProblem(className);
    if (problem == null) {
      problem = methodNameProblem(methodName);
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Parses {@code a.b.C#m}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code spec}
   */
  public static BoundarySpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("boundary is empty; write class#method");
    }
    int hash = spec.indexOf('#');
    if (hash < 0 || hash != spec.lastIndexOf('#')) {
      throw new IllegalArgumentException(
          "boundary '" + spec + "' is not of the form class#method (one '#')");
    }
    String className = spec.substring(0, hash);
    String methodName = spec.substring(hash + 1);
    String problem = classNameProblem(className);
    if (problem == null) {
      problem = methodNameProblem(methodName);
    }
    if (problem != null) {
      throw new IllegalArgumentException("boundary '" + spec + "': " + problem);
    }
    return new BoundarySpec(className, methodName);
  }

  /** Whether this boundary and {@code other} can select the same method. */
  public boolean overlaps(BoundarySpec other) {
    return className.equals(other.className)
        && (methodName.equals(other.methodName)
            || methodName.equals(ANY_METHOD)
            || other.methodName.equals(ANY_METHOD));
  }

  @Override
  public String toString() {
    return className + "#" + methodName;
  }

  private static String classNameProblem(String className) {
    if (className == null || className.isEmpty()) {
      return "the class name is missing";
    }
    if (className.indexOf('*') >= 0) {
      return "the class name '" + className + "' has a wildcard; name one class exactly";
    }
    if (className.indexOf('/') >= 0) {
      return "the class name '" + className + "' uses '/'; separate packages with '.'";
    }
    for (String segment : className.split("\\.", -1)) {
      if (!isJavaIdentifier(segment)) {
        return "'" + className + "' is not a binary class name";
      }
    }
    return null;
  }

  private static String methodNameProblem(String methodName) {
    if (methodName == null || methodName.isEmpty()) {
      return "the method name is missing";
    }
    if (methodName.equals(ANY_METHOD) || isJavaIdentifier(methodName)) {
      return null;
    }
    return "'" + methodName + "' is not a method name (or '*' for all declared methods)";
  }

  private static boolean isJavaIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
      return false;
    }
    return s.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
  }
}
