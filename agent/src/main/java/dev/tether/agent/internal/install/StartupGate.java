package dev.tether.agent.internal.install;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens when the background start-up is done (executors retransformed, telemetry warmed up). The first
 * tool call waits for it, so no tool context exists before executors carry it.
 */
public final class StartupGate {

  public StartupGate() {}

  private final CountDownLatch latch = new CountDownLatch(1);
  private volatile boolean open;

  void open() {
    open = true;
    latch.countDown();
  }

  /** Returns at once when open; otherwise waits up to {@code seconds}. */
  public void await(long seconds) {
    if (open) {
      return;
    }
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A gate that is already open, for tests and for code paths without instrumentation. */
  public static StartupGate opened() {
    StartupGate gate = new StartupGate();
    gate.open();
    return gate;
  }
}
