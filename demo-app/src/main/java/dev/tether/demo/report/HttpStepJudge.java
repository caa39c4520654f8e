package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.stack.ReceivedHttp;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges the agent's HTTP steps against what the code-host API received. With Tether attached: an
 * allowed step reached the API with a token the Vault issued for the call, never the runtime's
 * broad token, and that token was refused when presented again; a refused step never reached it.
 * Without Tether, allowed steps carry the broad token, and steps Tether would refuse that went
 * through are {@link Verdict#UNENFORCED}.
 */
final class HttpStepJudge {

  private final boolean agentAttached;
  private final List<ReceivedHttp> received;

  HttpStepJudge(boolean agentAttached, List<ReceivedHttp> received) {
    this.agentAttached = agentAttached;
    this.received = List.copyOf(received);
  }

  CallVerdict verdictFor(CallRecord call) {
    String path = "/" + call.key();
    List<ReceivedHttp> forStep =
        received.stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    Optional<String> problem =
        call.expected() == Outcome.REFUSED ? refused(call, forStep) : allowed(call, forStep);
    return new CallVerdict(call, List.of(), List.of(),
        ReportJudge.verdict(call, problem, agentAttached), problem.orElse(""));
  }

  private Optional<String> refused(CallRecord call, List<ReceivedHttp> forStep) {
    Optional<String> outcome = ReportJudge.refusalOutcomeProblem(call, agentAttached);
    if (outcome.isPresent()) {
      return outcome;
    }
    if (!forStep.isEmpty()) {
      return Optional.of("refused, yet the server received " + forStep.size()
          + " request(s) for it: a refusal must stop it before anything is sent");
    }
    return Optional.empty();
  }

  private Optional<String> allowed(CallRecord call, List<ReceivedHttp> forStep) {
    if (call.outcome() != Outcome.ALLOWED) {
      return Optional.of("expected to go through, but was " + call.outcome());
    }
    if (forStep.isEmpty()) {
      return Optional.of("went through, but the API saw no request for it");
    }
    for (ReceivedHttp request : forStep) {
      if (!agentAttached) {
        if (!request.ambient()) {
          return Optional.of("reached the API without the runtime's token");
        }
      } else if (request.ambient()) {
        return Optional.of("the API received the runtime's broad token: Tether did not replace it");
      } else if (request.replayStatus() != 401) {
        return Optional.of("its token, presented again afterwards, was answered "
            + request.replayStatus() + " instead of 401: it was not single-use");
      }
    }
    return Optional.empty();
  }
}
