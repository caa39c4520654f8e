package dev.tether.core.token;

/**
 * A token's text could not be read. The message says what is wrong and where (which layer, which
 * field) but never quotes the token, which is a credential.
 */
public final class TokenFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ChainRefusal.Reason reason;

  TokenFormatException(ChainRefusal.Reason reason, String message) {
    super(SafeText.of(message));
    this.reason = reason;
  }

  /** {@code MALFORMED}, {@code TRUNCATED}, or {@code TOO_DEEP} for absurdly long chains. */
  public ChainRefusal.Reason reason() {
    return reason;
  }
}
