package dev.tether.demo.report;

import static dev.tether.demo.report.Html.escape;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.report.DerivationTree.Branch;
import dev.tether.demo.report.DerivationTree.Node;
import dev.tether.demo.report.DerivationTree.StepNode;
import dev.tether.demo.report.DerivationTree.ToolCallNode;
import dev.tether.vault.ChainLink;
import java.util.Locale;

/**
 * Draws the report's {@link DerivationTree} as one self-contained HTML page: inline CSS, a small
 * inline script, and nothing loaded from anywhere else (its Content-Security-Policy forbids it).
 * The tree is plain nested lists in the page, so it reads without JavaScript; turns and tool calls
 * fold with {@code <details>}. Every value is escaped; access key ids are abbreviated, and no
 * secret is known here. The page is also well-formed XML (void elements closed, no {@code <} or
 * {@code &} in the style or script), which lets tests read it with the JDK's XML parser.
 *
 * <p>The script records on {@code <body>} how many tool calls and steps the browser actually laid
 * out ({@code data-rendered-tool-calls}, {@code data-rendered-steps}), so that a test can tell a
 * page that renders from one that merely parses.
 */
public final class HtmlTreeRenderer {

  /** No fetches of any kind; only the page's own style and script. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

  private static final String STYLE =
      """
      :root { color-scheme: light; --ok: #1a7f37; --bad: #b42318; --refused: #b42318;
        --refused-bg: #fdecea; --allowed: #1a7f37; --failed: #9a6700; --line: #c9ced6; }
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem auto;
        max-width: 75rem; padding: 0 1rem; color: #1f2328; background: #fff; }
      h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
      code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
        font-size: .9em; }
      .task { margin: 0 0 .75rem; color: #57606a; }
      .verdict-line { font-weight: 600; font-size: 1.1rem; padding: .4rem .7rem; border-radius: 6px;
        display: inline-block; margin: .25rem 0; }
      .verdict-line.as-expected { background: #dafbe1; color: var(--ok); }
      .verdict-line.not-as-expected { background: var(--refused-bg); color: var(--bad); }
      .explanation { margin: .25rem 0; }
      .hint { margin: .25rem 0; color: #57606a; }
      .toolbar { margin: .75rem 0; }
      .toolbar button { font: inherit; margin-right: .5rem; }
      ul.tree, ul.tree ul { list-style: none; margin: 0; padding: 0; }
      ul.tree ul { margin-left: .6rem; padding-left: 1.1rem; border-left: 1px solid var(--line); }
      ul.tree li { margin: .2rem 0; }
      summary { cursor: pointer; }
      .branch-title { font-weight: 600; }
      .tool-call > details > summary .tool-name { font-weight: 600; }
      .key-note { color: #57606a; }
      .refusals { color: var(--refused); font-weight: 600; }
      table.layers { border-collapse: collapse; margin: .3rem 0 .4rem 1.1rem; font-size: .85em; }
      table.layers th, table.layers td { border: 1px solid var(--line); padding: .1rem .45rem;
        text-align: left; vertical-align: top; }
      table.layers th { background: #f6f8fa; font-weight: 600; }
      li.step { padding: .2rem .5rem; border-left: 4px solid var(--allowed); border-radius: 3px; }
      li.step.refused { border-left-color: var(--refused); background: var(--refused-bg); }
      li.step.failed { border-left-color: var(--failed); background: #fff8c5; }
      .outcome { display: inline-block; min-width: 5.5em; font-size: .8em; font-weight: 700;
        letter-spacing: .03em; }
      li.step.allowed .outcome { color: var(--allowed); }
      li.step.refused .outcome { color: var(--refused); }
      li.step.failed .outcome { color: var(--failed); }
      li.step[data-verdict="UNENFORCED"], li.step[data-verdict="MISMATCH"] {
        outline: 2px solid var(--bad); outline-offset: -2px; }
      .verdict.ok { color: var(--ok); }
      .verdict.unenforced, .verdict.mismatch { color: var(--bad); font-weight: 700; }
      .detail { margin: .15rem 0 0 5.9em; font-size: .85em; color: #3d444d; overflow-wrap: anywhere; }
      footer { margin-top: 1.5rem; color: #57606a; font-size: .85em; }
      """;

  /**
   * Measures what the browser laid out, then offers to fold everything: the tree itself needs no
   * script. A node counts as shown when it has a height and is not inside something hidden or
   * folded (a closed {@code <details>} keeps its content's size, so height alone would not tell);
   * older browsers without {@code checkVisibility} go by height.
   */
  private static final String SCRIPT =
      """
      (function () {
        function shown(node) {
          return node.getBoundingClientRect().height > 0
              ? (node.checkVisibility ? node.checkVisibility({visibilityProperty: true}) : true)
              : false;
        }
        function rendered(selector) {
          var count = 0;
          document.querySelectorAll(selector).forEach(function (node) {
            if (shown(node)) { count++; }
          });
          return count;
        }
        document.body.setAttribute('data-rendered-tool-calls', String(rendered('#tree li.tool-call')));
        document.body.setAttribute('data-rendered-steps', String(rendered('#tree li.step')));
        var toolbar = document.createElement('div');
        toolbar.className = 'toolbar';
        [['expand all', true], ['collapse all', false]].forEach(function (action) {
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = action[0];
          button.addEventListener('click', function () {
            document.querySelectorAll('#tree details').forEach(function (d) { d.open = action[1]; });
          });
          toolbar.appendChild(button);
        });
        var tree = document.getElementById('tree');
        tree.parentNode.insertBefore(toolbar, tree);
      })();
      """;

  private HtmlTreeRenderer() {}

  public static String render(DemoReport report) {
    DerivationTree tree = DerivationTree.of(report);
    DemoTask task = tree.task();
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(escape(CONTENT_SECURITY_POLICY))
        .append("\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>Tether demo: task ")
        .append(escape(task.taskId()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n");
    out.append("<body data-tool-calls=\"")
        .append(tree.toolCallCount())
        .append("\" data-steps=\"")
        .append(report.calls().size())
        .append("\">\n<header>\n<h1>Derivation tree of task <code class=\"task-id\">")
        .append(escape(task.taskId()))
        .append("</code></h1>\n<p class=\"task\">user <code>")
        .append(escape(task.userId()))
        .append("</code> · repo <code>")
        .append(escape(task.repo()))
        .append("</code> · ")
        .append(report.agentAttached() ? "Tether attached" : "Tether not attached")
        .append("</p>\n");
    summary(tree.summary(), out);
    out.append("</header>\n<main>\n<ul class=\"tree\" id=\"tree\">\n");
    for (Branch branch : tree.branches()) {
      branch(branch, out);
    }
    out.append("</ul>\n</main>\n<footer>Access key ids are abbreviated (first and last four")
        .append(" characters); the page holds no secret.</footer>\n<script>\n")
        .append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void summary(VerdictSummary summary, StringBuilder out) {
    out.append("<p id=\"verdict\" class=\"verdict-line ")
        .append(summary.allAsExpected() ? "as-expected" : "not-as-expected")
        .append("\">")
        .append(summary.allAsExpected() ? "✔ " : "✘ ")
        .append(escape(summary.verdictLine()))
        .append("</p>\n");
    if (summary.explanation() != null) {
      out.append("<p class=\"explanation\">").append(escape(summary.explanation())).append("</p>\n");
    }
    if (summary.hint() != null) {
      out.append("<p class=\"hint\">").append(escape(summary.hint())).append("</p>\n");
    }
  }

  private static void branch(Branch branch, StringBuilder out) {
    out.append("<li class=\"branch ")
        .append(branch.outsideTools() ? "outside-tools" : "turn")
        .append("\"><details open=\"\"><summary class=\"branch-title\">")
        .append(escape(branch.title()))
        .append("</summary>\n<ul>\n");
    for (Node child : branch.children()) {
      if (child instanceof ToolCallNode toolCall) {
        toolCall(toolCall, out);
      } else {
        step(((StepNode) child).step(), out);
      }
    }
    out.append("</ul>\n</details></li>\n");
  }

  private static void toolCall(ToolCallNode toolCall, StringBuilder out) {
    int refused = toolCall.refusedCount();
    out.append("<li class=\"tool-call\" data-tool=\"")
        .append(escape(toolCall.tool()))
        .append("\"><details open=\"\"><summary>tool <code class=\"tool-name\">")
        .append(escape(toolCall.tool()))
        .append("</code> <span class=\"key-note\">(")
        .append(escape(toolCall.keyNote()))
        .append(")</span>");
    if (refused > 0) {
      out.append(" <span class=\"refusals\">").append(refused).append(" refused</span>");
    }
    out.append("</summary>\n");
    layers(toolCall, out);
    out.append("<ul class=\"steps\">\n");
    for (CallVerdict step : toolCall.steps()) {
      step(step, out);
    }
    out.append("</ul>\n</details></li>\n");
  }

  /** The token's layers, grant first, as a table: each row no wider than the one above it. */
  private static void layers(ToolCallNode toolCall, StringBuilder out) {
    if (toolCall.layers().isEmpty()) {
      return;
    }
    out.append("<table class=\"layers\"><thead><tr><th>#</th><th>layer</th><th>id</th>")
        .append("<th>held by</th><th>tools</th><th>repos</th><th>lifetime</th></tr></thead>")
        .append("<tbody>\n");
    int number = 1;
    for (ChainLink layer : toolCall.layers()) {
      out.append("<tr class=\"layer\"><td>")
          .append(number++)
          .append("</td><td>")
          .append(escape(layer.layer()))
          .append("</td><td><code>")
          .append(escape(layer.id()))
          .append("</code></td><td><code>")
          .append(escape(layer.actor()))
          .append("</code></td><td>")
          .append(escape(String.join(", ", layer.tools())))
          .append("</td><td>")
          .append(escape(String.join(", ", layer.repos())))
          .append("</td><td>")
          .append(layer.expiresAt() - layer.issuedAt())
          .append(" s</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  private static void step(CallVerdict verdict, StringBuilder out) {
    CallRecord call = verdict.call();
    String outcome = call.outcome().name();
    out.append("<li class=\"step ")
        .append(outcome.toLowerCase(Locale.ROOT))
        .append("\" data-outcome=\"")
        .append(outcome)
        .append("\" data-verdict=\"")
        .append(verdict.verdict().name())
        .append("\" title=\"")
        .append(escape(call.description()))
        .append("\"><span class=\"outcome\">")
        .append(outcome)
        .append("</span> <code class=\"operation\">")
        .append(escape(call.operation()))
        .append("</code>");
    String target = StepText.target(call);
    if (!target.isEmpty()) {
      out.append(" <code class=\"target\">").append(escape(target)).append("</code>");
    }
    out.append(" <span class=\"verdict ")
        .append(verdict.verdict().name().toLowerCase(Locale.ROOT))
        .append("\">")
        .append(escape(StepText.verdict(verdict)))
        .append("</span>");
    if (call.outcome() != Outcome.ALLOWED) {
      out.append("\n<div class=\"detail\">").append(escape(call.detail())).append("</div>");
    }
    out.append("</li>\n");
  }
}
