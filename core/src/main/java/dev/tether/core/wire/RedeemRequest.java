package dev.tether.core.wire;

/**
 * An agent redeems its task grant, once, for a task token bound to its workload key and to the
 * evidence it presents. {@link #toString()} redacts the grant and the evidence.
 *
 * @param agent a label for the workload redeeming it (the task layer's actor), e.g. a host name
 * @param evidence attestation evidence over a Vault nonce; {@code null} only to learn, from the
 *     Vault's refusal, which kinds it accepts
 */
public record RedeemRequest(String grant, String agent, Evidence evidence) {

  private static final String TYPE = "RedeemRequest";

  public RedeemRequest {
    Required.text(TYPE, "grant", grant);
    Required.text(TYPE, "agent", agent);
  }

  @Override
  public String toString() {
    return "RedeemRequest[grant=<redacted>, agent=" + agent + ", evidence=" + evidence + "]";
  }
}
