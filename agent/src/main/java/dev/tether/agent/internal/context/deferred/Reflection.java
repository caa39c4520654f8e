package dev.tether.agent.internal.context.deferred;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls into a library Tether cannot link against, its exceptions passed on unwrapped. */
final class Reflection {

  private Reflection() {}

  /** {@code method.invoke(target, args)}, rethrowing what the method threw as it was. */
  static Object invoke(Method method, Object target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw Reflection.<RuntimeException>rethrow(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(method + " is not accessible: " + e.getMessage(), e);
    }
  }

  /** The answer for a method of {@code Object} called on a proxy: identity, never the delegate's. */
  static Object objectMethod(Object proxy, Method method, Object[] args, Object delegate) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "tether-followed(" + delegate + ")";
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable thrown) throws T {
    throw (T) thrown;
  }
}
