package dev.tether.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.agent.S3Operations;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The judge with Tether attached, fed what the agent, the S3 server and the Vault would report. */
class ReportJudgeTest {

  private static final DemoTask TASK = new DemoTask("t-demo-1", "alice", "acme/widgets");
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final String PLATFORM = "AKIAPLATFORM00000001";
  private static final String FETCH_KEY = "ASIAFETCHSOURCES0001";
  private static final String PATCH_KEY = "ASIAWRITEPATCH000002";

  private static final CallRecord FETCH =
      call(
          1,
          "fetchSources",
          S3Operations.GET_OBJECT,
          "src",
          "acme/widgets/Main.java",
          Outcome.ALLOWED,
          Outcome.ALLOWED);
  private static final CallRecord LIST =
      call(
          1,
          "fetchSources",
          S3Operations.LIST_OBJECTS_V2,
          "src",
          "acme/widgets/",
          Outcome.ALLOWED,
          Outcome.ALLOWED);
  private static final CallRecord PATCH =
      call(
          2,
          "writePatch",
          S3Operations.PUT_OBJECT,
          "patches",
          "t-demo-1/fix.diff",
          Outcome.ALLOWED,
          Outcome.ALLOWED);
  private static final CallRecord SECRET =
      call(
          2,
          "writePatch",
          S3Operations.GET_OBJECT,
          "secrets",
          "prod/db",
          Outcome.REFUSED,
          Outcome.REFUSED);
  private static final CallRecord FLUSH =
      call(0, null, S3Operations.RESOLVE_CREDENTIALS, null, null, Outcome.REFUSED, Outcome.REFUSED);

  @Test
  void allIsWellWhenEachToolCallUsedItsOwnVaultKeyAndRefusalsSentNothing() {
    DemoReport report =
        judge(
            List.of(FETCH, LIST, PATCH, SECRET, FLUSH),
            List.of(
                received(FETCH_KEY, "src", "acme/widgets/Main.java"),
                received(FETCH_KEY, "src", null),
                received(PATCH_KEY, "patches", "t-demo-1/fix.diff")),
            List.of(
                issuance(FETCH_KEY, "fetchSources", "call-1"),
                issuance(PATCH_KEY, "writePatch", "call-2")));

    assertThat(report.calls()).extracting(CallVerdict::verdict).containsOnly(Verdict.OK);
    assertThat(report.allAsExpected()).isTrue();
    assertThat(report.matched()).isEqualTo(5);

    String tree = TreeRenderer.render(report);
    assertThat(tree)
        .startsWith("task t-demo-1  user alice  repo acme/widgets\n├─ turn 1: understand\n")
        .contains(
            "│  └─ tool fetchSources  (key ASIA…0001, issued by the Vault for this call, call-1)\n")
        .contains("│     ├─ GetObject src/acme/widgets/Main.java  ALLOWED  ✔ expected\n")
        .contains("│     └─ ListObjectsV2 src acme/widgets/  ALLOWED  ✔ expected\n")
        .contains("└─ outside any tool\n   └─ ResolveCredentials  REFUSED: denied  ✔ expected\n")
        .contains("verdict: 5/5 calls as expected\n")
        .doesNotContain(FETCH_KEY);
  }

  @Test
  void aKeyIssuedForAnotherToolIsAMismatch() {
    DemoReport report =
        judge(
            List.of(PATCH),
            List.of(received(FETCH_KEY, "patches", "t-demo-1/fix.diff")),
            List.of(issuance(FETCH_KEY, "fetchSources", "call-1")));

    assertThat(report.calls().get(0).verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(report.calls().get(0).reason())
        .contains("issued for tool fetchSources, not writePatch");
    assertThat(report.allAsExpected()).isFalse();
  }

  @Test
  void oneKeySharedByTwoToolCallsIsAMismatch() {
    CallRecord patchInTurn3 =
        call(
            3,
            "writePatch",
            S3Operations.PUT_OBJECT,
            "patches",
            "t-demo-1/again.diff",
            Outcome.ALLOWED,
            Outcome.ALLOWED);
    DemoReport report =
        judge(
            List.of(PATCH, patchInTurn3),
            List.of(
                received(PATCH_KEY, "patches", "t-demo-1/fix.diff"),
                received(PATCH_KEY, "patches", "t-demo-1/again.diff")),
            List.of(issuance(PATCH_KEY, "writePatch", "call-2")));

    assertThat(report.calls())
        .allSatisfy(
            c -> {
              assertThat(c.verdict()).isEqualTo(Verdict.MISMATCH);
              assertThat(c.reason()).contains("shared by tool calls");
            });
  }

  @Test
  void thePlatformKeyOnAnAllowedCallIsAMismatchWhenTetherIsAttached() {
    DemoReport report =
        judge(
            List.of(FETCH),
            List.of(received(PLATFORM, "src", "acme/widgets/Main.java")),
            List.of());

    assertThat(report.calls().get(0).verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(report.calls().get(0).reason()).contains("the platform key", "did not issue");
  }

  @Test
  void aRefusalThatStillReachedTheServerIsAMismatch() {
    DemoReport report =
        judge(List.of(SECRET), List.of(received(PATCH_KEY, "secrets", "prod/db")), List.of());

    assertThat(report.calls().get(0).verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(report.calls().get(0).reason()).contains("received 1 request(s)");
  }

  @Test
  void aCallThatWentThroughDespiteTetherIsAMismatchNotUnenforced() {
    CallRecord leaked =
        call(
            0,
            null,
            S3Operations.GET_OBJECT,
            "src",
            "acme/widgets/build.gradle",
            Outcome.REFUSED,
            Outcome.ALLOWED);
    DemoReport report =
        judge(
            List.of(leaked),
            List.of(received(PLATFORM, "src", "acme/widgets/build.gradle")),
            List.of());

    assertThat(report.calls().get(0).verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(report.calls().get(0).reason()).isEqualTo("Tether is attached but let this through");
  }

  private static DemoReport judge(
      List<CallRecord> calls, List<ReceivedRequest> requests, List<Issuance> issuances) {
    return ReportJudge.judge(
        TASK,
        true,
        List.of("turn 1: understand", "turn 2: fix"),
        calls,
        requests,
        List.of(),
        issuances,
        PLATFORM);
  }

  private static CallRecord call(
      int turn,
      String tool,
      String operation,
      String bucket,
      String key,
      Outcome expected,
      Outcome outcome) {
    return new CallRecord(
        turn,
        tool,
        "step",
        operation,
        bucket,
        key,
        expected,
        outcome,
        outcome == Outcome.REFUSED ? "denied" : "ok");
  }

  private static ReceivedRequest received(String accessKeyId, String bucket, String key) {
    return new ReceivedRequest(accessKeyId, bucket, key, NOW, true);
  }

  private static Issuance issuance(String accessKeyId, String tool, String callId) {
    return new Issuance(
        "iss-" + callId,
        accessKeyId,
        TASK.taskId(),
        TASK.userId(),
        TASK.repo(),
        tool,
        callId,
        null,
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
        Map.of("task_id", TASK.taskId(), "tool", tool),
        "alice",
        "tether-" + callId,
        NOW,
        NOW.plusSeconds(900),
        List.of("g-1", "tk-1", "tn-1", callId),
        List.of("user:alice", "orchestrator:default", "agent:test", "turn:1", "tool:" + tool),
        List.of(
            new ChainLink("grant", "g-1", "orchestrator:default", List.of(tool, "other"), List.of(TASK.repo()), 0, 3600),
            new ChainLink("task", "tk-1", "agent:test", List.of(tool, "other"), List.of(TASK.repo()), 0, 3600),
            new ChainLink("turn", "tn-1", "turn:1", List.of(tool), List.of(TASK.repo()), 1, 3600),
            new ChainLink("tool", callId, "tool:" + tool, List.of(tool), List.of(TASK.repo()), 2, 62)));
  }
}
