package dev.tether.demo.report;

import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.Issuance;
import java.util.List;

/**
 * Everything the demo found out: each step with its verdict, the Vault's issuances and the requests
 * the S3 server saw.
 *
 * @param turnTitles the agent's turn titles; turn {@code n} is at index {@code n - 1}
 * @param platformAccessKeyId the broad key the runtime's environment holds (an id, not a secret)
 */
public record DemoReport(
    DemoTask task,
    boolean agentAttached,
    List<String> turnTitles,
    List<CallVerdict> calls,
    List<Issuance> issuances,
    List<ReceivedRequest> serverRequests,
    String platformAccessKeyId) {

  public DemoReport {
    turnTitles = List.copyOf(turnTitles);
    calls = List.copyOf(calls);
    issuances = List.copyOf(issuances);
    serverRequests = List.copyOf(serverRequests);
  }

  /** How many steps went as expected. */
  public int matched() {
    return (int) calls.stream().filter(c -> c.verdict() == Verdict.OK).count();
  }

  /** How many steps there were, each with an expectation. */
  public int expectedCount() {
    return calls.size();
  }

  /** How many steps Tether would have refused but which went through. */
  public int unenforced() {
    return (int) calls.stream().filter(c -> c.verdict() == Verdict.UNENFORCED).count();
  }

  /** Whether every step went as expected: the demo's exit status. */
  public boolean allAsExpected() {
    return !calls.isEmpty() && matched() == expectedCount();
  }
}
