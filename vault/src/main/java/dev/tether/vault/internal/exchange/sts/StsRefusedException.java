package dev.tether.vault.internal.exchange.sts;

/**
 * STS answered with an error: the HTTP status, STS's error code (e.g. {@code AccessDenied}) and its
 * message. STS's messages name roles and principals, never a secret; the Vault's requests carry
 * none that STS would echo.
 */
public final class StsRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String stsMessage;
  private final String requestId;

  /**
   * @param code STS's error code, or {@code null} when the answer was no STS error document
   * @param stsMessage STS's message, or a description of the answer when it was none
   */
  public StsRefusedException(int status, String code, String stsMessage, String requestId) {
    super("HTTP " + status + ": " + code + ": " + stsMessage, null, false, false);
    this.status = status;
    this.code = code;
    this.stsMessage = stsMessage;
    this.requestId = requestId;
  }

  /** The HTTP status of STS's answer. */
  public int status() {
    return status;
  }

  /** STS's error code, or {@code null} when the answer was no STS error document. */
  public String code() {
    return code;
  }

  public String stsMessage() {
    return stsMessage;
  }

  /** STS's request id, for AWS support and CloudTrail; {@code null} when absent. */
  public String requestId() {
    return requestId;
  }
}
