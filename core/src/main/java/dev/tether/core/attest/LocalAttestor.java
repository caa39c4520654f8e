package dev.tether.core.attest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The launcher's side of local attestation, for one launched workload. The launcher hands the
 * workload a ticket (through its environment); the first request that presents it fixes the
 * workload key, and from then on the attestor vouches for that key only, for re-attestation. A
 * copy of the ticket taken after the workload's first attestation cannot bind another key.
 *
 * <p>A launcher learns its workload's label (a pid) only after it has started the process, and the
 * process needs the ticket to start: such a launcher makes the attestor {@linkplain
 * #LocalAttestor(LauncherKey) unlabelled} and {@linkplain #labelWorkload labels} it once the
 * process exists. Until then a request with the right ticket waits for the label.
 */
public final class LocalAttestor {

  /** How long a request with the right ticket waits for an unlabelled attestor's label. */
  static final long LABEL_WAIT_MILLIS = 10_000;

  private final LauncherKey key;
  private final byte[] ticket;
  private String workload;
  private String boundKey;

  /**
   * @param workload the launcher's label for the process it starts, e.g. {@code pid 4242}
   */
  public LocalAttestor(LauncherKey key, String workload) {
    this(key);
    labelWorkload(workload);
  }

  /** An attestor whose workload is not started yet; {@link #labelWorkload} it once it is. */
  public LocalAttestor(LauncherKey key) {
    this.key = key;
    this.ticket = new byte[32];
    new SecureRandom().nextBytes(ticket);
  }

  /**
   * Names the launched process, once: evidence states this label.
   *
   * @throws IllegalArgumentException if the label is not 1 to 256 printable ASCII characters
   * @throws IllegalStateException if the attestor is labelled already
   */
  public synchronized void labelWorkload(String label) {
    LocalStatement.check("workload", label);
    if (workload != null) {
      throw new IllegalStateException("the workload is labelled already: " + workload);
    }
    workload = label;
    notifyAll();
  }

  /** The ticket to hand to the launched workload, and to nobody else. */
  public String ticket() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(ticket);
  }

  /**
   * Signs one throw-away statement, binding nothing: the JDK initialises its Ed25519 signer on
   * first use (tens of milliseconds), which the workload's first attestation need not wait for.
   */
  public void warmUp() {
    LocalEvidence.issue(
        new LocalStatement("warm-up", "warm-up", key.id(), "warm-up", 0), key);
  }

  /** The launcher key's id, as evidence names it. */
  public String launcherId() {
    return key.id();
  }

  /** The thumbprint this launch is bound to, or {@code null} before the first attestation. */
  public synchronized String boundKey() {
    return boundKey;
  }

  /**
   * Evidence for {@code keyThumbprint} over {@code nonce}.
   *
   * @throws LocalEvidenceException ({@link LocalEvidenceException.Reason#UNTRUSTED}) for a wrong
   *     ticket, or a key other than the one this launch is bound to
   * @throws IllegalStateException if the workload is still unlabelled after {@value
   *     #LABEL_WAIT_MILLIS} ms (the launcher failed between starting it and labelling it)
   */
  public synchronized String evidence(
      String presentedTicket, String nonce, String keyThumbprint, long nowEpochSeconds)
      throws LocalEvidenceException {
    byte[] presented =
        presentedTicket == null ? new byte[0] : presentedTicket.getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(presented, ticket().getBytes(StandardCharsets.US_ASCII))) {
      throw new LocalEvidenceException(LocalEvidenceException.Reason.UNTRUSTED,
          "wrong launch ticket: only the process this launcher started may ask for evidence");
    }
    if (boundKey != null && !boundKey.equals(keyThumbprint)) {
      throw new LocalEvidenceException(LocalEvidenceException.Reason.UNTRUSTED,
          "this launch is bound to workload key " + boundKey + "; evidence for another key is"
              + " refused (the workload attested already, and keys never change within a run)");
    }
    awaitLabel();
    LocalStatement statement;
    try {
      statement = new LocalStatement(nonce, keyThumbprint, key.id(), workload, nowEpochSeconds);
    } catch (IllegalArgumentException e) {
      throw new LocalEvidenceException(LocalEvidenceException.Reason.MALFORMED, e.getMessage());
    }
    boundKey = keyThumbprint;
    return LocalEvidence.issue(statement, key);
  }

  // Only a holder of the ticket gets here, so only the launched workload can hold a thread.
  private void awaitLabel() {
    long deadline = System.nanoTime() + LABEL_WAIT_MILLIS * 1_000_000;
    boolean interrupted = false;
    while (workload == null) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (workload == null) {
      throw new IllegalStateException(
          "the launcher has not labelled its workload; restart the workload through the launcher");
    }
  }
}
