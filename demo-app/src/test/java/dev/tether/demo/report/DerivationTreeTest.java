package dev.tether.demo.report;

import static dev.tether.demo.report.TreeFixtures.allowed;
import static dev.tether.demo.report.TreeFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.agent.S3Operations;
import dev.tether.demo.report.DerivationTree.Branch;
import dev.tether.demo.report.DerivationTree.StepNode;
import dev.tether.demo.report.DerivationTree.ToolCallNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model both renderers walk: how steps become turns and tool calls. */
class DerivationTreeTest {

  @Test
  void groupsStepsByTurnThenByRunsOfOneToolAndPutsStepsOutsideToolsLast() {
    DerivationTree tree = DerivationTree.of(TreeFixtures.attachedReport());

    assertThat(tree.branches()).extracting(Branch::title)
        .containsExactly("turn 1: understand", "turn 2: fix", "outside any tool");
    assertThat(tree.branches()).extracting(Branch::outsideTools).containsExactly(false, false, true);
    assertThat(tree.toolCallCount()).isEqualTo(3);

    ToolCallNode fetch = (ToolCallNode) tree.branches().get(0).children().get(0);
    assertThat(fetch.tool()).isEqualTo("fetchSources");
    assertThat(fetch.steps()).hasSize(3);
    assertThat(fetch.refusedCount()).isEqualTo(1);
    assertThat(fetch.keyNote())
        .isEqualTo("key ASIA…0001, issued by the Vault for this call, call-1");
    assertThat(fetch.layers()).hasSize(4);

    ToolCallNode pullRequest = (ToolCallNode) tree.branches().get(1).children().get(1);
    assertThat(pullRequest.keyNote()).isEqualTo("HTTP only: no AWS credentials");
    assertThat(pullRequest.layers()).isEmpty();

    assertThat(tree.branches().get(2).children()).singleElement().isInstanceOf(StepNode.class);
    assertThat(tree.summary().verdictLine()).isEqualTo("verdict: 7/7 calls as expected");
  }

  @Test
  void theSameToolAgainAfterAnotherIsASecondToolCall() {
    DemoReport report = TreeFixtures.report(true, List.of(
        ok(allowed(1, "fetchSources", S3Operations.GET_OBJECT, "src", "a")),
        ok(allowed(1, "readBuildLog", S3Operations.GET_OBJECT, "logs", "b")),
        ok(allowed(1, "fetchSources", S3Operations.GET_OBJECT, "src", "c")),
        ok(allowed(2, "fetchSources", S3Operations.GET_OBJECT, "src", "d"))), List.of());

    DerivationTree tree = DerivationTree.of(report);

    assertThat(tree.toolCallCount()).isEqualTo(4);
    assertThat(tree.branches().get(0).children())
        .extracting(node -> ((ToolCallNode) node).tool())
        .containsExactly("fetchSources", "readBuildLog", "fetchSources");
    assertThat(((ToolCallNode) tree.branches().get(0).children().get(0)).keyNote())
        .isEqualTo("no request reached S3");
  }
}
