package dev.tether.core.wire;

/**
 * The body of every Vault error response.
 *
 * @param error a short machine code, e.g. {@code invalid_request}, {@code unauthorized}, {@code
 *     sts_failed}
 * @param message human-readable text saying what was wrong and what to do; never a secret
 */
public record VaultError(String error, String message) {

  public static final String INVALID_REQUEST = "invalid_request";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String STS_FAILED = "sts_failed";
  public static final String INTERNAL = "internal_error";
  /** A grant is single-use; this one was redeemed before. */
  public static final String GRANT_REDEEMED = "grant_already_redeemed";

  public VaultError {
    Required.text("VaultError", "error", error);
    Required.notNull("VaultError", "message", message);
  }
}
