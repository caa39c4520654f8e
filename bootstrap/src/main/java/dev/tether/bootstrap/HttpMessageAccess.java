package dev.tether.bootstrap;

/**
 * What Tether reads and changes in the requests of an HTTP library the application loaded (OkHttp,
 * Apache HttpClient). The agent's loader cannot see the library, so a helper compiled against it
 * implements this, defined in a child of the library's loader; the agent calls it directly, where
 * reflection would spread one call over a dozen objects and generated classes. Not for application
 * code.
 */
public interface HttpMessageAccess {

  /** The scheme the request itself names, or {@code null}. */
  String requestScheme(Object request);

  /** The host the request itself names, or {@code null}. */
  String requestHost(Object request);

  /** The port the request itself names, or -1. */
  int requestPort(Object request);

  /** The first value of {@code name}, or {@code null}. */
  String header(Object request, String name);

  /** The value of {@code name} when the request carries exactly one, else {@code null}. */
  String onlyValue(Object request, String name);

  /**
   * The request with {@code value} as the only value of {@code name} and without any value of the
   * headers in {@code removed}: the same object for a mutable request, else a copy.
   */
  Object withHeader(Object request, String name, String value, String[] removed);

  /** The request without any value of {@code name}: the same object or a copy, as above. */
  Object withoutHeader(Object request, String name);
}
