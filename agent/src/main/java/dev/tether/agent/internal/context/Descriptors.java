package dev.tether.agent.internal.context;

import java.lang.reflect.Method;

/** JVM method descriptors, to match a reflected method with the one that was woven. */
final class Descriptors {

  private Descriptors() {}

  static String of(Method method) {
    StringBuilder descriptor = new StringBuilder("(");
    for (Class<?> parameter : method.getParameterTypes()) {
      descriptor.append(of(parameter));
    }
    return descriptor.append(')').append(of(method.getReturnType())).toString();
  }

  static String of(Class<?> type) {
    if (type.isArray()) {
      return type.getName().replace('.', '/');
    }
    if (type.isPrimitive()) {
      if (type == void.class) return "V";
      if (type == boolean.class) return "Z";
      if (type == byte.class) return "B";
      if (type == char.class) return "C";
      if (type == short.class) return "S";
      if (type == int.class) return "I";
      if (type == long.class) return "J";
      if (type == float.class) return "F";
      return "D";
    }
    return "L" + type.getName().replace('.', '/') + ";";
  }
}
