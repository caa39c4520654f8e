package dev.tether.vault.internal.exchange;

import dev.tether.core.wire.VaultError;

/** The Vault will not issue credentials for a request: the status and error to answer with. */
public final class ExchangeRefused extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ExchangeRefused(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ExchangeRefused invalid(String message) {
    return new ExchangeRefused(400, VaultError.INVALID_REQUEST, message);
  }

  public int status() {
    return status;
  }

  public VaultError error() {
    return new VaultError(code, getMessage());
  }
}
