package dev.tether.core.cbor;

/**
 * CBOR input could not be read: not well-formed, outside the supported subset, a duplicate map key,
 * bytes after the value, or a limit exceeded. The message says what was expected and at which byte
 * offset; it never quotes the input.
 */
public final class CborException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int offset;

  /**
   * @param reason what was wrong or expected, e.g. "expected 4 more bytes of a byte string"
   * @param offset the offset of the offending byte in the input
   */
  public CborException(String reason, int offset) {
    super(reason + " (at offset " + offset + ")");
    this.reason = reason;
    this.offset = offset;
  }

  public String reason() {
    return reason;
  }

  /** The offset, in the input, of the byte where reading failed. */
  public int offset() {
    return offset;
  }
}
