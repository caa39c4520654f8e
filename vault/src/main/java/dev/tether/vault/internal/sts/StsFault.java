package dev.tether.vault.internal.sts;

/**
 * An STS error answer: the query-protocol error code the AWS SDK maps to an exception, the HTTP
 * status, and a message that never holds a secret.
 */
public final class StsFault extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  StsFault(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static StsFault validation(String message) {
    return new StsFault(400, "ValidationError", message);
  }

  static StsFault signatureMismatch(String message) {
    return new StsFault(403, "SignatureDoesNotMatch", message);
  }

  static StsFault incompleteSignature(String message) {
    return new StsFault(400, "IncompleteSignature", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
