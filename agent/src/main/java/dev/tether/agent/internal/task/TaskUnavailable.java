package dev.tether.agent.internal.task;

/**
 * There is no usable task token: no grant, a grant the Vault refused, or a Vault that did not
 * answer. Credential use fails closed with this message.
 */
public final class TaskUnavailable extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  public TaskUnavailable(String message, boolean transientFailure) {
    super(message, null, false, false);
    this.transientFailure = transientFailure;
  }

  /** Whether trying again may succeed (the Vault was unreachable or failed). */
  public boolean isTransient() {
    return transientFailure;
  }
}
