package dev.tether.bootstrap;

/**
 * Thrown inside the JVM when Tether refuses a credential use; nothing has been sent. Messages name
 * the tool, the action, the resource and the reason, and never contain a secret.
 */
public class TetherDeniedException extends SecurityException {

  private static final long serialVersionUID = 1L;

  public TetherDeniedException(String message) {
    super(message);
  }

  public TetherDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
