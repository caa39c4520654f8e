package dev.tether.vault.internal.http;

import dev.tether.core.wire.VaultError;

/**
 * A request refused before any endpoint acted on it: the status and {@link VaultError} to answer
 * with. The message names what was wrong and what to send, never a value from the request beyond
 * a field name cut to a printable, bounded form.
 */
public final class RequestRejected extends Exception {

  private static final long serialVersionUID = 1L;

  /** {@code Content-Type} or {@code Content-Encoding} the route does not take (415). */
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  /** A body over {@link Bodies#LIMIT} (413). */
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  /** Request headers over {@link RequestChecks#MAX_HEADER_BYTES} or too many of them (431). */
  public static final String HEADERS_TOO_LARGE = "headers_too_large";

  private final int status;
  private final String code;

  public RequestRejected(int status, String code, String message) {
    super(message, null, false, false);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("a rejected request is answered 4xx, not " + status);
    }
    this.status = status;
    this.code = code;
  }

  /** 400 {@code invalid_request}. */
  public static RequestRejected invalid(String message) {
    return new RequestRejected(400, VaultError.INVALID_REQUEST, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public VaultError error() {
    return new VaultError(code, getMessage());
  }
}
