package dev.tether.agent.internal.http;

import dev.tether.bootstrap.TetherDeniedException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

  private static final String MESSAGE_HEADER = "sun.net.www.MessageHeader";

  // Static final, so that the JIT takes them as constants and inlines through them.
  /** {@code (HttpURLConnection) Object}: the headers the connection writes. */
  private static final MethodHandle REQUESTS;
  /** {@code (HttpURLConnection) Object}: the headers the connection reports as the user's. */
  private static final MethodHandle USER_HEADERS;
  /** {@code (Object, String) String}: the first value of a header, in any letter case. */
  private static final MethodHandle FIND_VALUE;
  /**
   * {@code (Object, String, String) String}: the value of a header found before the given value
   * (the same instance), searching from the last: another value, when the header has more.
   */
  private static final MethodHandle FIND_NEXT_VALUE;
  /** {@code (Object, String) void}: every value of a header, in any letter case, removed. */
  private static final MethodHandle REMOVE;
  private static final String UNREACHABLE;

  static {
    MethodHandle requests = null;
    MethodHandle userHeaders = null;
    MethodHandle findValue = null;
    MethodHandle findNextValue = null;
    MethodHandle remove = null;
    String unreachable = null;
    try {
      requests = JdkConnectionInternals.getter("requests");
      userHeaders = JdkConnectionInternals.getter("userHeaders");
      Class<?> headers = Class.forName(MESSAGE_HEADER, false, null);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      findValue = lookup.findVirtual(headers, "findValue",
              MethodType.methodType(String.class, String.class))
          .asType(MethodType.methodType(String.class, Object.class, String.class));
      findNextValue = lookup.findVirtual(headers, "findNextValue",
              MethodType.methodType(String.class, String.class, String.class))
          .asType(MethodType.methodType(String.class, Object.class, String.class, String.class));
      remove = lookup.findVirtual(headers, "remove",
              MethodType.methodType(void.class, String.class))
          .asType(MethodType.methodType(void.class, Object.class, String.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      unreachable = e.toString();
    }
    REQUESTS = requests;
    USER_HEADERS = userHeaders;
    FIND_VALUE = findValue;
    FIND_NEXT_VALUE = findNextValue;
    REMOVE = remove;
    UNREACHABLE = unreachable;
  }

  private static volatile boolean reported;

  private JdkConnectionHeaders() {}

  /** The first value of {@code name} the connection will send, {@code Authorization} included. */
  static String firstValue(HttpURLConnection connection, String name) {
    if (!reachable(connection)) {
      return connection.getRequestProperty(name); // null for Authorization
    }
    try {
      return (String) FIND_VALUE.invokeExact((Object) REQUESTS.invokeExact(connection), name);
    } catch (Throwable e) {
      throw failed(e);
    }
  }

  /**
   * Sets {@code value} as the only value of {@code header}, and takes every value of {@code
   * removed} off.
   *
   * @throws IllegalStateException when the connection is connecting already
   * @throws TetherDeniedException when the JDK's header list cannot be changed
   */
  static void set(HttpURLConnection connection, String header, String value, String[] removed) {
    connection.setRequestProperty(header, value); // refuses, before any change, once connecting
    if (!reachable(connection)) {
      report(connection);
      return;
    }
    try {
      Object requests = (Object) REQUESTS.invokeExact(connection);
      // setRequestProperty replaced the last value only: any other is found after it.
      if ((String) FIND_NEXT_VALUE.invokeExact(requests, header, value) != null) {
        removeEverywhere(connection, requests, header);
        connection.setRequestProperty(header, value);
      }
      for (String name : removed) {
        if ((String) FIND_VALUE.invokeExact(requests, name) != null) {
          removeEverywhere(connection, requests, name);
        }
      }
    } catch (Throwable e) {
      throw failed(e);
    }
  }

  /** From what is sent and from what the connection reports (a response cache is given those). */
  private static void removeEverywhere(HttpURLConnection connection, Object requests, String name)
      throws Throwable {
    REMOVE.invokeExact(requests, name);
    REMOVE.invokeExact((Object) USER_HEADERS.invokeExact(connection), name);
  }

  private static boolean reachable(HttpURLConnection connection) {
    return UNREACHABLE == null && JdkConnectionInternals.isJdks(connection);
  }

  private static void report(HttpURLConnection connection) {
    if (!reported) {
      reported = true;
      System.err.println("[tether] the headers of " + connection.getClass().getName()
          + " could not be reached (" + (UNREACHABLE != null ? UNREACHABLE : "not the JDK's")
          + "): a header its application adds twice, or an Authorization beside an API's own"
          + " header, may be sent beside the token; use another HTTP client for external APIs");
    }
  }

  /** Fails closed: a request whose headers are unknown is not sent. */
  private static TetherDeniedException failed(Throwable e) {
    return new TetherDeniedException("Tether refused a request: the JDK's HttpURLConnection"
        + " headers could not be read or changed (" + e + "); nothing was sent", e);
  }
}
