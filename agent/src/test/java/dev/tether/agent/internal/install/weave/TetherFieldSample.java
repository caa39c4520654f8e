package dev.tether.agent.internal.install.weave;

import java.util.function.Supplier;

/** A generic class with a constructor and a field of its own, to be made a tool-context carrier. */
public class TetherFieldSample<T> implements Supplier<T> {

  private final T value;

  public TetherFieldSample() {
    this(null);
  }

  public TetherFieldSample(T value) {
    this.value = value;
  }

  @Override
  public T get() {
    return value;
  }
}
