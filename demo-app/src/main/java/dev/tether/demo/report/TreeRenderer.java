package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.report.DerivationTree.Branch;
import dev.tether.demo.report.DerivationTree.Node;
import dev.tether.demo.report.DerivationTree.StepNode;
import dev.tether.demo.report.DerivationTree.ToolCallNode;
import dev.tether.vault.ChainLink;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the report's {@link DerivationTree} as text: task, turns, tool calls with the key each one
 * used, and each step with its outcome and verdict. Access key ids are abbreviated; no secret is
 * known here.
 */
public final class TreeRenderer {

  private static final String BRANCH = "├─ ";
  private static final String LAST = "└─ ";
  private static final String PIPE = "│  ";
  private static final String SPACE = "   ";
  private static final int MAX_DETAIL = 160;
  private static final int MAX_LAYER_ID = 14;

  private TreeRenderer() {}

  public static String render(DemoReport report) {
    DerivationTree tree = DerivationTree.of(report);
    StringBuilder out = new StringBuilder();
    DemoTask task = tree.task();
    out.append("task ")
        .append(task.taskId())
        .append("  user ")
        .append(task.userId())
        .append("  repo ")
        .append(task.repo())
        .append('\n');

    List<Branch> branches = tree.branches();
    for (int b = 0; b < branches.size(); b++) {
      Branch branch = branches.get(b);
      boolean lastBranch = b == branches.size() - 1;
      out.append(lastBranch ? LAST : BRANCH).append(branch.title()).append('\n');
      String branchIndent = lastBranch ? SPACE : PIPE;
      List<Node> children = branch.children();
      for (int c = 0; c < children.size(); c++) {
        boolean lastChild = c == children.size() - 1;
        Node child = children.get(c);
        out.append(branchIndent).append(lastChild ? LAST : BRANCH);
        if (child instanceof ToolCallNode toolCall) {
          out.append("tool ")
              .append(toolCall.tool())
              .append("  (")
              .append(toolCall.keyNote())
              .append(")\n");
          String stepIndent = branchIndent + (lastChild ? SPACE : PIPE);
          List<String> lines = new ArrayList<>(layerLines(toolCall.layers()));
          for (CallVerdict step : toolCall.steps()) {
            lines.add(stepLine(step));
          }
          for (int s = 0; s < lines.size(); s++) {
            out.append(stepIndent)
                .append(s == lines.size() - 1 ? LAST : BRANCH)
                .append(lines.get(s))
                .append('\n');
          }
        } else {
          out.append(stepLine(((StepNode) child).step())).append('\n');
        }
      }
    }
    out.append(summary(tree.summary()));
    return out.toString();
  }

  /** The closing lines: the count of steps as expected, and why the rest were not. */
  public static String summary(DemoReport report) {
    return summary(VerdictSummary.of(report));
  }

  private static String summary(VerdictSummary summary) {
    StringBuilder out = new StringBuilder(summary.verdictLine()).append('\n');
    if (summary.explanation() != null) {
      out.append(summary.explanation()).append('\n');
    }
    if (summary.hint() != null) {
      out.append("  ").append(summary.hint()).append('\n');
    }
    return out.toString();
  }

  private static String stepLine(CallVerdict verdict) {
    CallRecord call = verdict.call();
    StringBuilder line = new StringBuilder(call.operation());
    String target = StepText.target(call);
    if (!target.isEmpty()) {
      line.append(' ').append(target);
    }
    line.append("  ").append(call.outcome());
    if (call.outcome() != Outcome.ALLOWED) {
      line.append(": ").append(DerivationTree.shorten(call.detail(), MAX_DETAIL));
    }
    return line.append("  ").append(StepText.verdict(verdict)).toString();
  }

  /**
   * The layers of the token the call's credential was issued for, grant first: who held each and
   * what it allowed, so that each can be seen to be narrower than the one above it.
   */
  private static List<String> layerLines(List<ChainLink> layers) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      ChainLink layer = layers.get(i);
      lines.add(
          String.format(
              "%d %-5s %-14s %-21s %-31s repos %s  %d s",
              i + 1,
              layer.layer(),
              DerivationTree.shorten(layer.id(), MAX_LAYER_ID),
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
