package dev.tether.agent.internal.http;

/** One HTTP client's request, as much of it as the guard reads and changes. */
interface HttpRequestView {

  /** Whether this request was decided already (a connection connected before): left alone. */
  default boolean decidedAlready() {
    return false;
  }

  /** Whether the AWS SDK sends its requests through this client (Apache 4 and 5, URL connection). */
  default boolean carriesAwsSdkRequests() {
    return false;
  }

  /**
   * Whether, once the client took the request, it goes to the host it was decided for whatever
   * the application's code does to it on the way (Apache's route is fixed before its interceptors
   * run; an OkHttp interceptor can send a request anywhere).
   */
  default boolean sentWhereDecided() {
    return false;
  }

  /** Records that this request was let through (with whatever header it was given). */
  default void decided() {}

  /** {@code http} or {@code https}, lower case. */
  String scheme();

  /** The host the request is addressed to, lower case, or {@code null} when it names none. */
  String host();

  /** The port the request goes to, the scheme's default when the request names none. */
  int port();

  /** Whether the application signed the request with AWS SigV4; such requests are never modified. */
  boolean awsSigned();

  /** The first value of {@code name} the request carries, or {@code null}. */
  String header(String name);

  /**
   * The value of {@code name} when the request carries exactly one, else {@code null}: a second
   * value added beside a token would be sent with it.
   */
  String onlyValue(String name);

  /**
   * Whether the request's headers can be changed: not those of a request the JDK client made
   * itself for a redirect, which must stay its own internal type.
   */
  default boolean canChangeHeaders() {
    return true;
  }

  /** The request to send without {@code name}: the same object where requests are mutable. */
  Object withoutHeader(String name);

  /** Whether the request carries any of {@code names}. */
  default boolean carriesAny(String[] names) {
    for (String name : names) {
      if (header(name) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request to send with {@code value} in {@code header}, in place of every value the
   * application set there, and without any of {@code removed}: the same object where the client's
   * requests are mutable, else a copy.
   */
  Object withHeader(String header, String value, String[] removed);

  static String lower(String text) {
    return text == null ? null : text.toLowerCase(java.util.Locale.ROOT);
  }

  static int port(int written, String scheme) {
    return written > 0 ? written : "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  static boolean isSigV4(String authorization) {
    return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256");
  }
}
