package dev.tether.agent.internal.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;

/**
 * The JDK's own {@code HttpURLConnection} class and its private fields, reached through the
 * packages the agent opens to itself at start-up ({@code
 * HttpClientsInstrumentationModule.jdkPackagesOpenedToAgent}).
 */
final class JdkConnectionInternals {

  /** {@code sun.net.www.protocol.http.HttpURLConnection}, or {@code null} on a JDK without it. */
  static final Class<?> CONNECTION = connectionClass();

  private JdkConnectionInternals() {}

  /** Whether {@code connection} is of the JDK's class, whose fields {@link #getter} reads. */
  static boolean isJdks(HttpURLConnection connection) {
    return CONNECTION != null && CONNECTION.isInstance(connection);
  }

  /**
   * {@code (HttpURLConnection) Object}: reads the JDK connection's private field {@code name}.
   *
   * @throws ReflectiveOperationException when this JDK has no such class or field
   * @throws RuntimeException when the package was not opened to the agent
   */
  static MethodHandle getter(String name) throws ReflectiveOperationException {
    if (CONNECTION == null) {
      throw new ClassNotFoundException("sun.net.www.protocol.http.HttpURLConnection");
    }
    Field field = CONNECTION.getDeclaredField(name);
    field.setAccessible(true); // the agent opened the package to itself
    return MethodHandles.lookup().unreflectGetter(field)
        .asType(MethodType.methodType(Object.class, HttpURLConnection.class));
  }

  private static Class<?> connectionClass() {
    try {
      return Class.forName("sun.net.www.protocol.http.HttpURLConnection", false, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
