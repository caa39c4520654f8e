package dev.tether.bootstrap;

/**
 * Per-thread nesting counter for one hook family, so that only the outermost of nested hooked
 * calls acts (e.g. the default provider chain calling the providers it is made of).
 */
public final class CallDepth {

  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  /** Returns the depth before this entry: 0 means this is the outermost call. */
  public int getAndIncrement() {
    return depth.get()[0]++;
  }

  public int decrementAndGet() {
    int[] d = depth.get();
    int value = --d[0];
    if (value <= 0) {
      d[0] = 0;
      depth.remove();
    }
    return value;
  }

  public int current() {
    return depth.get()[0];
  }
}
