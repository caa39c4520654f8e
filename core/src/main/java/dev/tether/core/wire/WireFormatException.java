package dev.tether.core.wire;

/**
 * A wire message could not be read or written. The message names the field and position but never
 * the offending content (which can hold secrets), and no cause is attached, so nothing that might
 * quote the input travels with it.
 */
public final class WireFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
