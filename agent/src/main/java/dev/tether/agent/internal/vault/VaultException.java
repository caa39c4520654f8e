package dev.tether.agent.internal.vault;

/** The Vault could not be reached or refused the request; the message says which and why. */
public final class VaultException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  public VaultException(String message, String code, int status) {
    super(message);
    this.code = code;
    this.status = status;
  }

  /** The Vault's error code, e.g. {@code token_expired}; {@code null} if it did not answer. */
  public String code() {
    return code;
  }

  /** The HTTP status; 0 if the Vault did not answer. */
  public int status() {
    return status;
  }
}
