package dev.tether.agent.internal.attest;

/**
 * The workload could not produce evidence. The message says what failed and what to do; it never
 * contains a ticket, a token or a document.
 */
public final class AttestationUnavailable extends Exception {

  private static final long serialVersionUID = 1L;

  public AttestationUnavailable(String message) {
    // No stack trace: the message is the whole story, and this is an expected condition.
    super(message, null, false, false);
  }
}
