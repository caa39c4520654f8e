package dev.tether.bootstrap;

/**
 * The one static entry point advice code calls. Until the agent has installed its dispatcher, and
 * forever if it failed to start, every credential use is refused: Tether fails closed.
 */
public final class TetherBridge {

  private static volatile TetherDispatcher dispatcher =
      new FailClosedDispatcher("Tether has not finished starting");

  private TetherBridge() {}

  public static TetherDispatcher dispatcher() {
    return dispatcher;
  }

  /** Called once by the agent when it is ready, or with a fail-closed dispatcher when it is not. */
  public static void install(TetherDispatcher installed) {
    if (installed == null) {
      throw new IllegalArgumentException("dispatcher must not be null");
    }
    dispatcher = installed;
  }
}
