package dev.tether.core.wire;

/**
 * A workload asks whether its task, or tools of it, are revoked. {@link #toString()} redacts the
 * token.
 *
 * @param token the task token (or one derived from it); the request's proof of possession must be
 *     signed by the key it is bound to
 */
public record RevocationStatusRequest(String token) {

  public RevocationStatusRequest {
    Required.text("RevocationStatusRequest", "token", token);
  }

  @Override
  public String toString() {
    return "RevocationStatusRequest[token=<redacted>]";
  }
}
