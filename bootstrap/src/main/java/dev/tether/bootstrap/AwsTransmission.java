package dev.tether.bootstrap;

/**
 * The host an AWS SDK request that Tether authorized is being transmitted to, on this thread,
 * between the SDK's {@code beforeTransmission} and {@code afterTransmission}. The HTTP client
 * hooks leave that one request alone: Tether decided it already, and its credentials' session
 * policy bounds it. A request that merely looks signed gets no such pass.
 */
public final class AwsTransmission {

  private static final ThreadLocal<String> HOST = new ThreadLocal<>();

  private AwsTransmission() {}

  public static void begin(String host) {
    HOST.set(host);
  }

  public static void end() {
    HOST.remove();
  }

  /**
   * Whether an SDK request is in transmission on this thread: a request a client is about to write
   * on it now is that one.
   */
  public static boolean active() {
    return HOST.get() != null;
  }

  /** Whether the SDK request in transmission on this thread goes to {@code host}. */
  public static boolean isTransmitting(String host) {
    String current = HOST.get();
    return current != null && current.equalsIgnoreCase(host);
  }
}
