package dev.tether.vault.internal.state;

/** The in-memory store holds as many records of a kind as it may. */
public final class StoreFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int capacity;

  StoreFullException(String kind, int capacity) {
    super("the Vault holds " + capacity + " " + kind + " records", null, false, false);
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }
}
