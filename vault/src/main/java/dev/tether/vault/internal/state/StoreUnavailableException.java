package dev.tether.vault.internal.state;

/**
 * The store did not answer (down, unreachable, timed out, out of memory) or answered something the
 * Vault cannot read. The Vault refuses the request with 503 rather than decide without its state;
 * the message names the store and never holds a secret.
 */
public final class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public static final String CODE = "store_unavailable";

  private final String store;
  private final String problem;

  public StoreUnavailableException(String store, String problem, Throwable cause) {
    super("the Vault's state store " + store + " is unavailable (" + problem + "); the Vault"
        + " refuses requests that need it until it answers again", cause);
    this.store = store;
    this.problem = problem;
  }

  /** Where the store is, e.g. {@code redis://10.0.0.5:6379/0}. */
  public String store() {
    return store;
  }

  /** What went wrong, without the store's name. */
  public String problem() {
    return problem;
  }
}
