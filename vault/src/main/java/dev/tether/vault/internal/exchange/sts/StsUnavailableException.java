package dev.tether.vault.internal.exchange.sts;

/**
 * No usable answer from STS: it could not be reached or did not answer in time, it answered
 * something that is not an STS answer, or the Vault's own base credentials could not be obtained.
 * The message says which, never with a secret or a body that might hold one.
 */
public final class StsUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** Connecting, sending or reading failed. */
    UNREACHABLE,
    /** No connection, or no answer, within the timeout. */
    TIMED_OUT,
    /** An answer that is not an STS document, or one without complete credentials. */
    MALFORMED_ANSWER,
    /** The Vault's base credentials could not be resolved to sign with. */
    NO_BASE_CREDENTIALS
  }

  private final Reason reason;

  public StsUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
