package dev.tether.agent.internal.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;

/**
 * The request headers of the JDK's {@code HttpURLConnection} as it will write them, which its
 * public API cannot fully reach: {@code getRequestProperty} hides {@code Authorization}, no method
 * removes a header, and {@code setRequestProperty} replaces one of the values that {@code
 * addRequestProperty} added, so a secret added twice would go out beside the token. The agent opens
 * the implementation's two packages to itself, and to nothing else, at start-up. On a JDK where
 * they are not there, the public API is used, and what it cannot do is reported once.
 */
final class JdkConnectionHeaders {

  private static final String CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
  private static final String MESSAGE_HEADER = "sun.net.www.MessageHeader";

  /** {@code null} where the JDK's internals could not be reached. */
  private static final Internals INTERNALS = Internals.find();

  private static volatile boolean reported;

  private JdkConnectionHeaders() {}

  /** Whether the connection's headers are reached as it writes them. */
  static boolean reachable() {
    return INTERNALS != null;
  }

  /** The first value of {@code name} the connection will send, {@code Authorization} included. */
  static String firstValue(HttpURLConnection connection, String name) {
    Internals internals = INTERNALS;
    if (internals == null || !internals.owner.isInstance(connection)) {
      return connection.getRequestProperty(name); // null for Authorization
    }
    try {
      return (String) internals.findValue.invokeExact(internals.requests(connection), name);
    } catch (Throwable e) {
      throw internals.failed(e);
    }
  }

  /**
   * Sets {@code value} as the only value of {@code header}, and takes every value of {@code
   * removed} off.
   *
   * @throws IllegalStateException when the connection is connecting already
   */
  static void set(HttpURLConnection connection, String header, String value, String[] removed) {
    Internals internals = INTERNALS;
    if (internals == null || !internals.owner.isInstance(connection)) {
      reportUnreachable();
      connection.setRequestProperty(header, value);
      return;
    }
    connection.setRequestProperty(header, value); // refuses, before any change, once connecting
    try {
      internals.removeAll(connection, header);
      for (String name : removed) {
        internals.removeAll(connection, name);
      }
    } catch (Throwable e) {
      throw internals.failed(e);
    }
    connection.setRequestProperty(header, value);
  }

  private static void reportUnreachable() {
    if (!reported) {
      reported = true;
      System.err.println("[tether] this JDK's HttpURLConnection headers could not be reached ("
          + Internals.whyNot + "): a header its application adds twice, or an Authorization"
          + " beside an API's own header, may be sent beside the token; use another HTTP client"
          + " for external APIs on this JDK");
    }
  }

  /** The fields and methods of the JDK's implementation, as method handles. */
  private static final class Internals {

    static String whyNot = "";

    final Class<?> owner;
    final MethodHandle requestsField;
    final MethodHandle userHeadersField;
    final MethodHandle findValue;
    final MethodHandle remove;

    private Internals(Class<?> owner, MethodHandle requestsField, MethodHandle userHeadersField,
        MethodHandle findValue, MethodHandle remove) {
      this.owner = owner;
      this.requestsField = requestsField;
      this.userHeadersField = userHeadersField;
      this.findValue = findValue;
      this.remove = remove;
    }

    static Internals find() {
      try {
        Class<?> owner = Class.forName(CONNECTION, false, null);
        Class<?> headers = Class.forName(MESSAGE_HEADER, false, null);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType read = MethodType.methodType(Object.class, HttpURLConnection.class);
        return new Internals(owner,
            lookup.unreflectGetter(accessible(owner.getDeclaredField("requests"))).asType(read),
            lookup.unreflectGetter(accessible(owner.getDeclaredField("userHeaders"))).asType(read),
            lookup.findVirtual(headers, "findValue",
                    MethodType.methodType(String.class, String.class))
                .asType(MethodType.methodType(String.class, Object.class, String.class)),
            lookup.findVirtual(headers, "remove", MethodType.methodType(void.class, String.class))
                .asType(MethodType.methodType(void.class, Object.class, String.class)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        whyNot = e.toString();
        return null;
      }
    }

    private static Field accessible(Field field) {
      field.setAccessible(true); // the agent opened the package to itself
      return field;
    }

    Object requests(HttpURLConnection connection) throws Throwable {
      return (Object) requestsField.invokeExact(connection);
    }

    /** Every value of {@code name}, from what is sent and from what the connection reports. */
    void removeAll(HttpURLConnection connection, String name) throws Throwable {
      remove.invokeExact(requests(connection), name);
      remove.invokeExact((Object) userHeadersField.invokeExact(connection), name);
    }

    IllegalStateException failed(Throwable e) {
      return new IllegalStateException(
          "the JDK's HttpURLConnection headers could not be changed: " + e, e);
    }
  }
}
