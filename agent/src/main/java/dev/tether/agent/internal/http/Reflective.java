package dev.tether.agent.internal.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls into an HTTP library the application loaded: the agent's loader cannot see its classes, so
 * their public interface methods are looked up once per request class and invoked reflectively.
 */
final class Reflective {

  private Reflective() {}

  /** The public method {@code name} of the interface or class {@code typeName} as {@code owner}'s loader sees it. */
  static Method method(Class<?> owner, String typeName, String name, Class<?>... parameters) {
    try {
      Class<?> type = Class.forName(typeName, false, owner.getClassLoader());
      return type.getMethod(name, parameters);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(typeName + "." + name + " is not there in "
          + owner.getName() + "'s library (" + e + ")", e);
    }
  }

  static Object call(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(method + " failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(method + " is not accessible: " + e, e);
    }
  }
}
