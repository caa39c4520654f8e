package dev.tether.bootstrap;

/** A task that runs with the tool context that was current when it was submitted. */
public final class ContextRunnable implements Runnable {

  private final Runnable delegate;
  private final Object context;

  ContextRunnable(Runnable delegate, Object context) {
    this.delegate = delegate;
    this.context = context;
  }

  @Override
  public void run() {
    Object previous = ToolContext.attach(context);
    try {
      delegate.run();
    } finally {
      ToolContext.restore(previous);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
