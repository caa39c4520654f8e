package dev.tether.agent.internal.vault;

/** The Vault could not be reached or refused the exchange; the message says which and why. */
public final class VaultException extends Exception {

  private static final long serialVersionUID = 1L;

  public VaultException(String message) {
    super(message);
  }

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
