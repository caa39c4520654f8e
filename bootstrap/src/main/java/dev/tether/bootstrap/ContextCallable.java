package dev.tether.bootstrap;

import java.util.concurrent.Callable;

/** A callable that runs with the tool context that was current when it was submitted. */
public final class ContextCallable<V> implements Callable<V> {

  private final Callable<V> delegate;
  private final Object context;

  ContextCallable(Callable<V> delegate, Object context) {
    this.delegate = delegate;
    this.context = context;
  }

  @Override
  public V call() throws Exception {
    Object previous = ToolContext.attach(context);
    try {
      return delegate.call();
    } finally {
      ToolContext.restore(previous);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
