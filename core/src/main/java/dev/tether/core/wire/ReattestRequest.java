package dev.tether.core.wire;

/**
 * A workload renews its binding with fresh evidence over a fresh nonce. {@link #toString()}
 * redacts the token and the evidence.
 *
 * @param token the task token whose binding is renewed (or any token derived from it)
 */
public record ReattestRequest(String token, Evidence evidence) {

  private static final String TYPE = "ReattestRequest";

  public ReattestRequest {
    Required.text(TYPE, "token", token);
    Required.notNull(TYPE, "evidence", evidence);
  }

  @Override
  public String toString() {
    return "ReattestRequest[token=<redacted>, evidence=" + evidence + "]";
  }
}
