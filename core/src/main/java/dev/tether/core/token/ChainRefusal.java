package dev.tether.core.token;

/**
 * A chain was refused: by the agent when it derives a layer, or by the Vault when it verifies one.
 * Each reason has its own code, so an operator (and a test) can tell a tampered token from an
 * expired one. The message never quotes a token.
 */
public final class ChainRefusal extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why; {@link #code()} is what goes on the wire and into spans. */
  public enum Reason {
    MALFORMED("token_malformed"),
    TRUNCATED("token_truncated"),
    FOREIGN_ISSUER("token_foreign_issuer"),
    UNKNOWN_KEY("token_unknown_key"),
    TAMPERED("token_tampered"),
    REORDERED("chain_reordered"),
    BROKEN("chain_broken"),
    TOO_DEEP("chain_too_deep"),
    WIDENED("chain_widened"),
    EXPIRED("token_expired"),
    NOT_YET_VALID("token_not_yet_valid"),
    WRONG_LAYER("token_wrong_layer");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public ChainRefusal(Reason reason, String message) {
    super(SafeText.of(message), null, false, false); // no stack trace: refusals are frequent
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
