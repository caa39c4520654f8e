package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.HttpOperations;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report arranged as its derivation tree: the task, its turns, the tool calls of each turn
 * (with the key each one used and the layers of its token) and each step; the steps outside any
 * tool come last. The text and HTML renderers walk this one model and decide only how it looks.
 *
 * @param branches the turns in order, then the steps outside any tool (when there are any)
 */
public record DerivationTree(DemoTask task, List<Branch> branches, VerdictSummary summary) {

  private static final int MAX_CALL_ID = 14;

  public DerivationTree {
    branches = List.copyOf(branches);
  }

  /** A turn, or the steps that ran outside any tool call. */
  public record Branch(String title, boolean outsideTools, List<Node> children) {
    public Branch {
      children = List.copyOf(children);
    }
  }

  /** What a branch holds: tool calls in a turn, bare steps outside any tool. */
  public sealed interface Node permits ToolCallNode, StepNode {}

  /**
   * One tool call: consecutive steps of the same tool in the same turn.
   *
   * @param keyNote which access key(s) its requests were signed with and where each came from;
   *     key ids abbreviated
   * @param layers the layers of the token its credential was issued for, grant first; empty when
   *     the Vault issued nothing for it
   */
  public record ToolCallNode(
      String tool, String keyNote, List<ChainLink> layers, List<CallVerdict> steps)
      implements Node {
    public ToolCallNode {
      layers = List.copyOf(layers);
      steps = List.copyOf(steps);
    }

    /** How many of its steps were refused. */
    public int refusedCount() {
      return (int) steps.stream().filter(s -> s.call().outcome() == Outcome.REFUSED).count();
    }
  }

  /** A step outside any tool call. */
  public record StepNode(CallVerdict step) implements Node {}

  public static DerivationTree of(DemoReport report) {
    Map<Integer, List<List<CallVerdict>>> runsByTurn = new LinkedHashMap<>();
    List<Node> outside = new ArrayList<>();
    for (CallVerdict verdict : report.calls()) {
      CallRecord call = verdict.call();
      if (call.outsideTools()) {
        outside.add(new StepNode(verdict));
        continue;
      }
      // A tool call is a run of steps of one tool within a turn.
      List<List<CallVerdict>> runs = runsByTurn.computeIfAbsent(call.turn(), n -> new ArrayList<>());
      List<CallVerdict> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.get(0).call().tool().equals(call.tool())) {
        last.add(verdict);
      } else {
        runs.add(new ArrayList<>(List.of(verdict)));
      }
    }
    List<Branch> branches = new ArrayList<>();
    runsByTurn.forEach(
        (turn, runs) -> {
          List<Node> toolCalls = new ArrayList<>();
          for (List<CallVerdict> steps : runs) {
            toolCalls.add(
                new ToolCallNode(
                    steps.get(0).call().tool(), keyNote(report, steps), layers(steps), steps));
          }
          branches.add(new Branch(turnTitle(report.turnTitles(), turn), false, toolCalls));
        });
    if (!outside.isEmpty()) {
      branches.add(new Branch("outside any tool", true, outside));
    }
    return new DerivationTree(report.task(), branches, VerdictSummary.of(report));
  }

  /** How many tool calls the tree holds. */
  public int toolCallCount() {
    return (int)
        branches.stream()
            .flatMap(b -> b.children().stream())
            .filter(n -> n instanceof ToolCallNode)
            .count();
  }

  /** Shortens ids and details for one-line display; null stays null. */
  static String shorten(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  private static List<ChainLink> layers(List<CallVerdict> steps) {
    for (CallVerdict step : steps) {
      for (Issuance issuance : step.issuances()) {
        if (!issuance.layers().isEmpty()) {
          return issuance.layers();
        }
      }
    }
    return List.of();
  }

  private static String keyNote(DemoReport report, List<CallVerdict> steps) {
    Set<String> keys = new LinkedHashSet<>();
    for (CallVerdict step : steps) {
      for (ReceivedRequest request : step.received()) {
        if (request.accessKeyId() != null) {
          keys.add(request.accessKeyId());
        }
      }
    }
    if (keys.isEmpty()) {
      return steps.stream().allMatch(step -> HttpOperations.isHttp(step.call().operation()))
          ? "HTTP only: no AWS credentials"
          : "no request reached S3";
    }
    List<String> notes = new ArrayList<>();
    for (String key : keys) {
      notes.add("key " + AccessKeys.abbreviate(key) + ", " + origin(report, key));
    }
    return String.join("; ", notes);
  }

  private static String origin(DemoReport report, String key) {
    if (key.equals(report.platformAccessKeyId())) {
      return "the platform key";
    }
    Optional<Issuance> issuance =
        report.issuances().stream().filter(i -> key.equals(i.accessKeyId())).findFirst();
    return issuance
        .map(i -> "issued by the Vault for this call, " + shorten(i.callId(), MAX_CALL_ID))
        .orElse("unknown to the Vault");
  }

  private static String turnTitle(List<String> titles, int turn) {
    return turn >= 1 && turn <= titles.size() ? titles.get(turn - 1) : "turn " + turn;
  }
}
