package dev.tether.core.attest;

/** Local evidence was refused; the message says why and never quotes the evidence. */
public final class LocalEvidenceException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the evidence was refused. */
  public enum Reason {
    MALFORMED,
    UNTRUSTED,
    BAD_SIGNATURE
  }

  private final Reason reason;

  public LocalEvidenceException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
