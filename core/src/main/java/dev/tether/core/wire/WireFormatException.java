package dev.tether.core.wire;

/**
 * A wire message could not be read or written. The message names the field and position but never
 * the offending content, and the Jackson cause is deliberately not attached: its message may quote
 * the input, which can hold secrets.
 */
public final class WireFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
