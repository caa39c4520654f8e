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
 */
public final class LocalAttestor {

  private final LauncherKey key;
  private final String workload;
  private final byte[] ticket;
  private String boundKey;

  /**
   * @param workload the launcher's label for the process it starts, e.g. {@code pid 4242}
   */
  public LocalAttestor(LauncherKey key, String workload) {
    this.key = key;
    this.workload = workload;
    this.ticket = new byte[32];
    new SecureRandom().nextBytes(ticket);
  }

  /** The ticket to hand to the launched workload, and to nobody else. */
  public String ticket() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(ticket);
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
    LocalStatement statement;
    try {
      statement = new LocalStatement(nonce, keyThumbprint, key.id(), workload, nowEpochSeconds);
    } catch (IllegalArgumentException e) {
      throw new LocalEvidenceException(LocalEvidenceException.Reason.MALFORMED, e.getMessage());
    }
    boundKey = keyThumbprint;
    return LocalEvidence.issue(statement, key);
  }
}
