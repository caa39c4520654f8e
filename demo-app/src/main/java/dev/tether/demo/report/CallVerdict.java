package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.Issuance;
import java.util.List;

/**
 * One step, what the S3 server received for it, and the verdict.
 *
 * @param received the requests the server saw for the step's bucket and key
 * @param issuances the Vault's issuances for the access keys in {@code received}
 * @param reason why the verdict is not {@link Verdict#OK}; empty when it is
 */
public record CallVerdict(
    CallRecord call,
    List<ReceivedRequest> received,
    List<Issuance> issuances,
    Verdict verdict,
    String reason) {

  public CallVerdict {
    received = List.copyOf(received);
    issuances = List.copyOf(issuances);
  }
}
