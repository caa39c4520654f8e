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
 * Draws the report as a derivation tree: task, turns, tool calls with the key each one used, and
 * each step with its outcome and verdict. Access key ids are abbreviated; no secret is known here.
 */
public final class TreeRenderer {

  private static final String BRANCH = "├─ ";
  private static final String LAST = "└─ ";
  private static final String PIPE = "│  ";
  private static final String SPACE = "   ";
  private static final int MAX_DETAIL = 160;
  private static final int MAX_CALL_ID = 14;

  private TreeRenderer() {}

  public static String render(DemoReport report) {
    StringBuilder out = new StringBuilder();
    DemoTask task = report.task();
    out.append("task ")
        .append(task.taskId())
        .append("  user ")
        .append(task.userId())
        .append("  repo ")
        .append(task.repo())
        .append('\n');

    List<Group> groups = groups(report);
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      boolean lastGroup = g == groups.size() - 1;
      out.append(lastGroup ? LAST : BRANCH).append(group.title).append('\n');
      String groupIndent = lastGroup ? SPACE : PIPE;
      List<Object> children = group.children;
      for (int c = 0; c < children.size(); c++) {
        boolean lastChild = c == children.size() - 1;
        Object child = children.get(c);
        if (child instanceof ToolCall) {
          ToolCall toolCall = (ToolCall) child;
          out.append(groupIndent)
              .append(lastChild ? LAST : BRANCH)
              .append("tool ")
              .append(toolCall.tool)
              .append("  (")
              .append(keyNote(report, toolCall.steps))
              .append(")\n");
          String stepIndent = groupIndent + (lastChild ? SPACE : PIPE);
          List<String> lines = new ArrayList<>(chainLines(report, toolCall.steps));
          for (CallVerdict step : toolCall.steps) {
            lines.add(stepLine(step));
          }
          for (int s = 0; s < lines.size(); s++) {
            out.append(stepIndent)
                .append(s == lines.size() - 1 ? LAST : BRANCH)
                .append(lines.get(s))
                .append('\n');
          }
        } else {
          out.append(groupIndent)
              .append(lastChild ? LAST : BRANCH)
              .append(stepLine((CallVerdict) child))
              .append('\n');
        }
      }
    }
    out.append(summary(report));
    return out.toString();
  }

  /** The closing lines: the count of steps as expected, and why the rest were not. */
  public static String summary(DemoReport report) {
    StringBuilder out = new StringBuilder();
    out.append("verdict: ")
        .append(report.matched())
        .append('/')
        .append(report.expectedCount())
        .append(" calls as expected\n");
    if (!report.agentAttached()) {
      out.append("Tether is not attached: ")
          .append(report.unenforced())
          .append(" calls that it would refuse went through, with the runtime's broad credentials"
              + " (the platform key ")
          .append(AccessKeys.abbreviate(report.platformAccessKeyId()))
          .append(", the code host token)\n");
      out.append("  run the demo with -javaagent:tether-agent.jar to see them refused\n");
    } else if (report.allAsExpected()) {
      out.append("the Vault issued ")
          .append(report.issuances().size())
          .append(
              " credential(s); each tool call used its own, and nothing outside a tool got one\n");
    }
    return out.toString();
  }

  private static String stepLine(CallVerdict verdict) {
    CallRecord call = verdict.call();
    StringBuilder line = new StringBuilder();
    line.append(call.operation());
    if (call.bucket() != null) {
      line.append(' ').append(call.bucket());
      if (call.key() != null) {
        line.append(call.bucketLevel() ? " " : "/").append(call.key());
      }
    }
    line.append("  ").append(call.outcome());
    if (call.outcome() != Outcome.ALLOWED) {
      line.append(": ").append(shorten(call.detail(), MAX_DETAIL));
    }
    line.append("  ");
    switch (verdict.verdict()) {
      case OK:
        line.append("✔ expected");
        break;
      case UNENFORCED:
        line.append("✘ UNENFORCED (Tether would refuse this)");
        break;
      default:
        line.append("✘ ").append(verdict.reason());
        break;
    }
    return line.toString();
  }

  /**
   * The layers of the token the call's credential was issued for, grant first: who held each and
   * what it allowed, so that each can be seen to be narrower than the one above it.
   */
  private static List<String> chainLines(DemoReport report, List<CallVerdict> steps) {
    for (CallVerdict step : steps) {
      for (Issuance issuance : step.issuances()) {
        if (!issuance.layers().isEmpty()) {
          List<String> lines = new ArrayList<>();
          List<ChainLink> layers = issuance.layers();
          for (int i = 0; i < layers.size(); i++) {
            ChainLink layer = layers.get(i);
            lines.add(
                String.format(
                    "%d %-5s %-14s %-21s %-31s repos %s  %d s",
                    i + 1,
                    layer.layer(),
                    shorten(layer.id(), MAX_CALL_ID),
                    layer.actor(),
                    layer.tools().size() > 2
                        ? layer.tools().size() + " tools"
                        : "tools " + String.join(",", layer.tools()),
                    String.join(",", layer.repos()),
                    layer.expiresAt() - layer.issuedAt()));
          }
          return lines;
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

  /** Groups the steps by turn, then by tool call; steps outside any tool come last. */
  private static List<Group> groups(DemoReport report) {
    Map<Integer, Group> turns = new LinkedHashMap<>();
    Group outside = new Group("outside any tool");
    for (CallVerdict verdict : report.calls()) {
      CallRecord call = verdict.call();
      if (call.tool() == null) {
        outside.children.add(verdict);
        continue;
      }
      Group turn =
          turns.computeIfAbsent(call.turn(), n -> new Group(turnTitle(report.turnTitles(), n)));
      Object previous =
          turn.children.isEmpty() ? null : turn.children.get(turn.children.size() - 1);
      if (previous instanceof ToolCall && ((ToolCall) previous).tool.equals(call.tool())) {
        ((ToolCall) previous).steps.add(verdict);
      } else {
        ToolCall toolCall = new ToolCall(call.tool());
        toolCall.steps.add(verdict);
        turn.children.add(toolCall);
      }
    }
    List<Group> groups = new ArrayList<>(turns.values());
    if (!outside.children.isEmpty()) {
      groups.add(outside);
    }
    return groups;
  }

  private static String turnTitle(List<String> titles, int turn) {
    return turn >= 1 && turn <= titles.size() ? titles.get(turn - 1) : "turn " + turn;
  }

  private static String shorten(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  private static final class Group {
    final String title;
    final List<Object> children = new ArrayList<>();

    Group(String title) {
      this.title = title;
    }
  }

  private static final class ToolCall {
    final String tool;
    final List<CallVerdict> steps = new ArrayList<>();

    ToolCall(String tool) {
      this.tool = tool;
    }
  }
}
