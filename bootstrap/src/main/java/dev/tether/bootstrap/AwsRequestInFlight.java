package dev.tether.bootstrap;

/**
 * The credentials Tether decided for the AWS SDK request being prepared on this thread. SDK
 * releases 2.23 to 2.46 resolve the client's identity inside an interceptor that runs after
 * Tether's {@code beforeExecution}; the ambient-provider hooks read this decision so that the
 * provider answers with exactly what Tether decided. Cleared before marshalling; stale entries
 * (older than a second) are ignored.
 */
public final class AwsRequestInFlight {

  private static final long MAX_AGE_NANOS = 1_000_000_000L;
  private static final ThreadLocal<Object[]> CURRENT = new ThreadLocal<>();

  private AwsRequestInFlight() {}

  public static void set(IssuedAwsCredentials decision) {
    CURRENT.set(new Object[] {decision, System.nanoTime()});
  }

  /** Returns the decision for the request in flight on this thread, or {@code null}. */
  public static IssuedAwsCredentials get() {
    Object[] entry = CURRENT.get();
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - (Long) entry[1] > MAX_AGE_NANOS) {
      CURRENT.remove();
      return null;
    }
    return (IssuedAwsCredentials) entry[0];
  }

  public static void clear() {
    CURRENT.remove();
  }
}
