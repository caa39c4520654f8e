package dev.tether.vault.attest;

/**
 * Evidence was refused. The reason's code goes on the wire and into spans; the message says what
 * was wrong and what to do, and never quotes the evidence beyond short identifiers.
 */
public final class EvidenceRefused extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why; {@link #code()} is the wire form. */
  public enum Reason {
    /** Not parseable as this kind of evidence (bad encoding, missing or mistyped field). */
    MALFORMED("evidence_malformed"),
    /** The signature does not verify with the signing certificate's key. */
    BAD_SIGNATURE("evidence_bad_signature"),
    /** The certificates do not chain to the platform's trust anchor. */
    UNTRUSTED("evidence_untrusted"),
    /** A certificate (or the document) is expired at the verification instant. */
    EXPIRED("evidence_expired"),
    /** A certificate (or the document) is not yet valid at the verification instant. */
    NOT_YET_VALID("evidence_not_yet_valid"),
    /** Valid evidence of a workload the policy does not admit (e.g. PCR values, debug mode). */
    POLICY("evidence_policy"),
    /** Valid evidence, but not over the nonce the Vault issued for this attestation. */
    NONCE_MISMATCH("evidence_nonce_mismatch"),
    /** Valid evidence, but bound to another key than the workload key presented. */
    KEY_MISMATCH("evidence_key_mismatch");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public EvidenceRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
