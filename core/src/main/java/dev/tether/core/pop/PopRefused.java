package dev.tether.core.pop;

/** A proof of possession was refused; each reason has its own wire code. */
public final class PopRefused extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why; {@link #code()} goes on the wire and into spans. */
  public enum Reason {
    MISSING("pop_missing"),
    MALFORMED("pop_malformed"),
    BAD_SIGNATURE("pop_bad_signature"),
    WRONG_KEY("pop_wrong_key"),
    WRONG_TARGET("pop_wrong_target"),
    WRONG_TOKEN("pop_wrong_token"),
    STALE("pop_stale"),
    REPLAYED("pop_replayed");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public PopRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
