package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks every framework IT makes of a {@link FrameworkRun}: the app's scripted steps were
 * allowed or refused as the scopes say, each tool call got a key of its own, S3 saw every object
 * read with the key issued for the tool that read it, and refused reads never left the JVM.
 */
final class ToolCallAssertions {

  private ToolCallAssertions() {}

  /**
   * The steps the framework apps script: each tool reads its own object, readReports reaches for
   * the ledger and a tool with no configured entry for the reports, both refused in the JVM.
   *
   * @param archiveVerdict ALLOWED, or REFUSED where the framework cannot scope readArchive
   */
  static void assertScriptedSteps(FrameworkRun.Outcome run, String archiveVerdict) {
    assertThat(AwsSdkEnforcementIT.steps(run.result())).as(run.all())
        .containsEntry("readReports/reports/r.txt", "ALLOWED")
        .containsEntry("readLedger/ledger/l.txt", "ALLOWED")
        .containsEntry("readArchive/archive/a.txt", archiveVerdict)
        .containsEntry("readReports/ledger/l.txt", "REFUSED")
        .containsEntry("unlisted/reports/r.txt", "REFUSED");
    assertThat(run.result().stdout())
        .contains("in tool 'readReports': outside the tool's scope")
        .contains("ANSWER done after 2 tool rounds");
  }

  /**
   * One scope per tool call though a call may pass several hooks: exactly {@code countByTool}
   * tool-call derivations (readReports twice: the refused attempt on the ledger is a call too).
   */
  static void assertDerivationsPerTool(FrameworkRun.Outcome run, Map<String, Integer> countByTool) {
    var derivations = run.toolCallDerivations();
    assertThat(derivations).as(run.all())
        .hasSize(countByTool.values().stream().mapToInt(Integer::intValue).sum());
    countByTool.forEach((tool, count) -> assertThat(derivations)
        .as("derivations of %s among %s", tool, derivations)
        .filteredOn(l -> l.matches(".*tether\\.tool=" + tool + "[,}].*"))
        .hasSize(count));
  }

  /** One key per tool call that reached S3, issued for the tool the model asked for. */
  static void assertOneKeyPerCall(FrameworkRun.Outcome run, Collection<String> tools) {
    assertThat(run.issued()).as(run.all()).extracting(Issuance::tool)
        .containsExactlyInAnyOrderElementsOf(tools);
    assertThat(run.issued()).extracting(Issuance::callId).doesNotHaveDuplicates();
    assertThat(run.issued()).extracting(Issuance::accessKeyId).doesNotHaveDuplicates();
  }

  /**
   * Asserts S3 saw requests, each signed with a key the Vault issued during the run, and that
   * each object in {@code toolByObject} was read by its tool's key only.
   *
   * @return the tools whose keys read each object, for the caller's further checks
   */
  static Map<String, Set<String>> assertEachObjectReadWithItsToolsKey(
      FrameworkRun.Outcome run, Map<String, String> toolByObject) {
    Map<String, String> toolByKey =
        run.issued().stream().collect(Collectors.toMap(Issuance::accessKeyId, Issuance::tool));
    assertThat(run.received()).isNotEmpty()
        .allSatisfy(r -> assertThat(toolByKey).as("request %s signed with an unknown key", r).containsKey(r.accessKeyId()));
    Map<String, Set<String>> toolsByObject = run.received().stream().collect(Collectors.groupingBy(
        ReceivedRequest::key, Collectors.mapping(r -> toolByKey.get(r.accessKeyId()), Collectors.toSet())));
    toolByObject.forEach((object, tool) -> assertThat(toolsByObject.get(object)).as(object).containsExactly(tool));
    return toolsByObject;
  }

  /** Each of the three task objects was read with its own tool's key, and S3 saw no other object. */
  static void assertOnlyTaskObjectsReadEachWithItsToolsKey(FrameworkRun.Outcome run, String task) {
    Map<String, Set<String>> toolsByObject = assertEachObjectReadWithItsToolsKey(run, Map.of(
        task + "/reports/r.txt", "readReports",
        task + "/ledger/l.txt", "readLedger",
        task + "/archive/a.txt", "readArchive"));
    assertThat(toolsByObject).containsOnlyKeys(task + "/reports/r.txt", task + "/ledger/l.txt", task + "/archive/a.txt");
  }

  /** readReports' attempt on the ledger and unlisted's read never left the JVM. */
  static void assertRefusedReadsNeverLeftTheJvm(FrameworkRun.Outcome run, String bucket, String task) {
    assertThat(run.received().stream().filter(r -> r.targets(bucket, task + "/ledger/l.txt"))).hasSize(1);
    assertThat(run.received().stream().filter(r -> r.targets(bucket, task + "/reports/r.txt"))).hasSize(1);
  }

  /**
   * Each model response's tool phase is one turn holding exactly the tools it asked for: the
   * first response's readReports and readLedger, the second's readArchive (without readLedger).
   */
  static void assertOneTurnPerToolPhase(FrameworkRun.Outcome run) {
    Map<String, Issuance> byTool = run.issued().stream().collect(Collectors.toMap(Issuance::tool, i -> i));
    Issuance reports = byTool.get("readReports");
    Issuance ledger = byTool.get("readLedger");
    assertThat(reports.turnId()).isNotNull().isEqualTo(ledger.turnId());
    assertThat(turnLayer(reports).tools()).containsExactlyInAnyOrder("readReports", "readLedger");
    Issuance archive = byTool.get("readArchive");
    assertThat(archive.turnId()).isNotEqualTo(reports.turnId());
    assertThat(turnLayer(archive).tools()).contains("readArchive").doesNotContain("readLedger");
  }

  private static ChainLink turnLayer(Issuance issuance) {
    return issuance.layers().stream().filter(l -> l.layer().equals("turn")).findFirst().orElseThrow();
  }
}
