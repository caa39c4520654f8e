package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.HttpOperations;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.stack.ReceivedHttp;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.Issuance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges each step the agent recorded against two independent witnesses: what the S3 server
 * received, and what the Vault issued.
 *
 * <p>With Tether attached, a step is OK when its outcome is the expected one and: an allowed step
 * reached the server only with keys the Vault issued for that very tool, which no other tool call
 * used, for a token of four layers each narrower than its parent; a refused step never reached the
 * server. Without Tether, allowed steps must carry the
 * platform key, and steps Tether would refuse that went through are {@link Verdict#UNENFORCED}.
 *
 * <p>A tool call is identified by its turn and tool name: the script calls each tool once per turn.
 */
public final class ReportJudge {

  private final boolean agentAttached;
  private final List<ReceivedRequest> serverRequests;
  private final Map<String, Issuance> issuanceByKey = new HashMap<>();
  private final String platformAccessKeyId;
  private final Map<String, Set<ToolCallId>> toolCallsByKey = new HashMap<>();

  private ReportJudge(
      boolean agentAttached,
      List<CallRecord> calls,
      List<ReceivedRequest> serverRequests,
      List<Issuance> issuances,
      String platformAccessKeyId) {
    this.agentAttached = agentAttached;
    this.serverRequests = serverRequests;
    this.platformAccessKeyId = platformAccessKeyId;
    for (Issuance issuance : issuances) {
      issuanceByKey.put(issuance.accessKeyId(), issuance);
    }
    for (CallRecord call : calls) {
      if (call.tool() != null) {
        for (String key : keysSeen(received(call))) {
          toolCallsByKey
              .computeIfAbsent(key, k -> new LinkedHashSet<>())
              .add(new ToolCallId(call.turn(), call.tool()));
        }
      }
    }
  }

  /**
   * Builds the report; {@code agentAttached} says whether Tether was expected to enforce. S3 steps
   * are judged against {@code serverRequests}, HTTP steps against {@code apiRequests} ({@link
   * HttpStepJudge}).
   */
  public static DemoReport judge(
      DemoTask task,
      boolean agentAttached,
      List<String> turnTitles,
      List<CallRecord> calls,
      List<ReceivedRequest> serverRequests,
      List<ReceivedHttp> apiRequests,
      List<Issuance> issuances,
      String platformAccessKeyId) {
    ReportJudge judge =
        new ReportJudge(agentAttached, calls, serverRequests, issuances, platformAccessKeyId);
    HttpStepJudge http = new HttpStepJudge(agentAttached, apiRequests);
    List<CallVerdict> verdicts = new ArrayList<>();
    for (CallRecord call : calls) {
      verdicts.add(HttpOperations.isHttp(call.operation())
          ? http.verdictFor(call)
          : judge.verdictFor(call));
    }
    return new DemoReport(
        task, agentAttached, turnTitles, verdicts, issuances, serverRequests, platformAccessKeyId);
  }

  private CallVerdict verdictFor(CallRecord call) {
    List<ReceivedRequest> received = received(call);
    List<Issuance> issuances =
        keysSeen(received).stream()
            .map(issuanceByKey::get)
            .filter(Objects::nonNull)
            .collect(Collectors.toList());
    Optional<String> problem =
        call.expected() == Outcome.REFUSED
            ? problemWithRefused(call, received)
            : problemWithAllowed(call, received);
    return new CallVerdict(
        call, received, issuances, verdict(call, problem, agentAttached), problem.orElse(""));
  }

  /**
   * OK without a problem; with one, UNENFORCED for a step Tether would refuse that went through
   * without it, else MISMATCH. For every kind of step.
   */
  static Verdict verdict(CallRecord call, Optional<String> problem, boolean agentAttached) {
    if (problem.isEmpty()) {
      return Verdict.OK;
    }
    boolean unenforced =
        !agentAttached && call.expected() == Outcome.REFUSED && call.outcome() == Outcome.ALLOWED;
    return unenforced ? Verdict.UNENFORCED : Verdict.MISMATCH;
  }

  /**
   * What is wrong with the outcome of a step Tether should refuse, whatever it addressed: it went
   * through, or failed for another reason. Empty when it was refused.
   */
  static Optional<String> refusalOutcomeProblem(CallRecord call, boolean agentAttached) {
    if (call.outcome() == Outcome.ALLOWED) {
      return Optional.of(
          agentAttached
              ? "Tether is attached but let this through"
              : "went through: nothing refuses it without Tether");
    }
    if (call.outcome() != Outcome.REFUSED) {
      return Optional.of("expected a Tether refusal, but it failed otherwise");
    }
    return Optional.empty();
  }

  private Optional<String> problemWithRefused(CallRecord call, List<ReceivedRequest> received) {
    Optional<String> outcome = refusalOutcomeProblem(call, agentAttached);
    if (outcome.isPresent()) {
      return outcome;
    }
    if (!received.isEmpty()) {
      return Optional.of(
          "refused, yet the S3 server received "
              + received.size()
              + " request(s) for it: a refusal must stop it before anything is sent");
    }
    return Optional.empty();
  }

  private Optional<String> problemWithAllowed(CallRecord call, List<ReceivedRequest> received) {
    if (call.outcome() != Outcome.ALLOWED) {
      return Optional.of("expected to go through, but was " + call.outcome());
    }
    Set<String> keys = keysSeen(received);
    if (keys.isEmpty()) {
      return Optional.of("went through, but the S3 server saw no request for it");
    }
    for (String key : keys) {
      Optional<String> problem =
          agentAttached ? problemWithToolKey(call, key) : problemWithPlatformKey(key);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<String> problemWithToolKey(CallRecord call, String key) {
    Issuance issuance = issuanceByKey.get(key);
    if (issuance == null) {
      return Optional.of(
          "signed with "
              + AccessKeys.abbreviate(key)
              + (key.equals(platformAccessKeyId) ? ", the platform key" : "")
              + ", which the Vault did not issue");
    }
    if (!Objects.equals(issuance.tool(), call.tool())) {
      return Optional.of(
          "signed with "
              + AccessKeys.abbreviate(key)
              + ", which the Vault issued for tool "
              + issuance.tool()
              + ", not "
              + call.tool());
    }
    Optional<String> chain = ChainCheck.problem(issuance.layers());
    if (chain.isPresent()) {
      return Optional.of("signed with " + AccessKeys.abbreviate(key) + ", but " + chain.get());
    }
    Set<ToolCallId> users = toolCallsByKey.getOrDefault(key, Set.of());
    if (users.size() > 1) {
      return Optional.of(
          "key " + AccessKeys.abbreviate(key) + " was shared by tool calls " + users);
    }
    return Optional.empty();
  }

  private Optional<String> problemWithPlatformKey(String key) {
    if (!key.equals(platformAccessKeyId)) {
      return Optional.of(
          "signed with " + AccessKeys.abbreviate(key) + ", not the platform key the runtime holds");
    }
    return Optional.empty();
  }

  private List<ReceivedRequest> received(CallRecord call) {
    if (call.bucket() == null) {
      return List.of();
    }
    String key = call.bucketLevel() ? null : call.key();
    return serverRequests.stream()
        .filter(r -> r.targets(call.bucket(), key))
        .collect(Collectors.toList());
  }

  private static Set<String> keysSeen(List<ReceivedRequest> received) {
    Set<String> keys = new LinkedHashSet<>();
    for (ReceivedRequest request : received) {
      if (request.accessKeyId() != null) {
        keys.add(request.accessKeyId());
      }
    }
    return keys;
  }

  private record ToolCallId(int turn, String tool) {
    @Override
    public String toString() {
      return tool + " (turn " + turn + ")";
    }
  }
}
