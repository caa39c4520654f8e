package dev.tether.bootstrap;

/**
 * Marks the agent's own HTTP traffic on this thread (the Vault, attestors: all of it through
 * {@code HttpURLConnection}, whose hook alone asks), which the HTTP client hooks leave alone: it is neither checked against a tool's egress list nor given a token. Only
 * the agent calls {@link #begin()}. Code in the JVM set on evading the egress check can call it
 * too, as it can open a raw socket: the check stops a tool's requests through the five hooked
 * clients, and the network's own policy is the fence against hostile code (docs/egress.md).
 */
public final class OwnTraffic {

  private static final CallDepth DEPTH = new CallDepth();

  private OwnTraffic() {}

  /** Call before the agent's own request, and {@link #end()} in a {@code finally} after it. */
  public static void begin() {
    DEPTH.getAndIncrement();
  }

  public static void end() {
    DEPTH.decrementAndGet();
  }

  public static boolean active() {
    return DEPTH.current() > 0;
  }
}
