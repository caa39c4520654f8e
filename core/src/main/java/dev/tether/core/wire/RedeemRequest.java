package dev.tether.core.wire;

/**
 * An agent redeems its task grant, once, for a task token. {@link #toString()} redacts the grant.
 *
 * @param agent a label for the workload redeeming it (the task layer's actor), e.g. a host name
 */
public record RedeemRequest(String grant, String agent) {

  private static final String TYPE = "RedeemRequest";

  public RedeemRequest {
    Required.text(TYPE, "grant", grant);
    Required.text(TYPE, "agent", agent);
  }

  @Override
  public String toString() {
    return "RedeemRequest[grant=<redacted>, agent=" + agent + "]";
  }
}
