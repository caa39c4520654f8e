package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.agent.S3Operations;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports built by hand, verdicts included, for the renderers' tests. */
final class TreeFixtures {

  static final DemoTask TASK = new DemoTask("t-demo-1", "alice", "acme/widgets");
  static final String PLATFORM = "AKIAPLATFORM00000001";
  static final String FETCH_KEY = "ASIAFETCHSOURCES0001";
  static final String PATCH_KEY = "ASIAWRITEPATCH000002";
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private TreeFixtures() {}

  /**
   * Two turns and the steps outside any tool: fetchSources (two steps, then a refused one),
   * writePatch, then openPullRequest (HTTP, one allowed and one refused); outside, a refused
   * credentials lookup. Every verdict OK, with Tether attached.
   */
  static DemoReport attachedReport() {
    Issuance fetch = issuance(FETCH_KEY, "fetchSources", "call-1");
    Issuance patch = issuance(PATCH_KEY, "writePatch", "call-2");
    return report(
        true,
        List.of(
            ok(allowed(1, "fetchSources", S3Operations.GET_OBJECT, "src", "acme/widgets/Main.java"),
                FETCH_KEY, fetch),
            ok(allowed(1, "fetchSources", S3Operations.LIST_OBJECTS_V2, "src", "acme/widgets/"),
                FETCH_KEY, fetch),
            ok(refused(1, "fetchSources", S3Operations.GET_OBJECT, "secrets", "prod/db",
                "Tether refused s3:GetObject on arn:aws:s3:::secrets/prod/db")),
            ok(allowed(2, "writePatch", S3Operations.PUT_OBJECT, "patches", "t-demo-1/fix.diff"),
                PATCH_KEY, patch),
            ok(allowed(2, "openPullRequest", "POST", "127.0.0.1:8080", "repos/acme/widgets/pulls")),
            ok(refused(2, "openPullRequest", "POST", "localhost:8080", "paste",
                "Tether refused a request to localhost (<classpath:tether.yaml>)")),
            ok(refused(0, null, S3Operations.RESOLVE_CREDENTIALS, null, null,
                "Tether refused AWS credentials"))),
        List.of(fetch, patch));
  }

  static DemoReport report(boolean attached, List<CallVerdict> calls, List<Issuance> issuances) {
    return new DemoReport(
        TASK,
        attached,
        List.of("turn 1: understand", "turn 2: fix"),
        calls,
        issuances,
        List.of(),
        PLATFORM);
  }

  static CallRecord allowed(int turn, String tool, String operation, String bucket, String key) {
    return new CallRecord(
        turn, tool, "step", operation, bucket, key, Outcome.ALLOWED, Outcome.ALLOWED, "ok");
  }

  static CallRecord refused(
      int turn, String tool, String operation, String bucket, String key, String detail) {
    return new CallRecord(
        turn, tool, "step", operation, bucket, key, Outcome.REFUSED, Outcome.REFUSED, detail);
  }

  /** The step with verdict OK, having reached the server with {@code accessKeyId} when given. */
  static CallVerdict ok(CallRecord call) {
    return new CallVerdict(call, List.of(), List.of(), Verdict.OK, "");
  }

  static CallVerdict ok(CallRecord call, String accessKeyId, Issuance issuance) {
    return new CallVerdict(
        call,
        List.of(new ReceivedRequest(accessKeyId, call.bucket(), call.key(), NOW, true)),
        List.of(issuance),
        Verdict.OK,
        "");
  }

  static Issuance issuance(String accessKeyId, String tool, String callId) {
    return new Issuance(
        "iss-" + callId,
        accessKeyId,
        TASK.taskId(),
        TASK.userId(),
        TASK.repo(),
        tool,
        callId,
        null,
        "{}",
        Map.of(),
        "alice",
        "tether-" + callId,
        NOW,
        NOW.plusSeconds(900),
        List.of("g-1", "tk-1", "tn-1", callId),
        List.of("user:alice"),
        List.of(
            new ChainLink("grant", "g-1", "orchestrator:default", List.of(tool, "other"),
                List.of(TASK.repo()), 0, 3600),
            new ChainLink("task", "tk-1", "agent:test", List.of(tool, "other"),
                List.of(TASK.repo()), 0, 3600),
            new ChainLink("turn", "tn-1", "turn:1", List.of(tool), List.of(TASK.repo()), 1, 3600),
            new ChainLink("tool", callId, "tool:" + tool, List.of(tool), List.of(TASK.repo()), 2,
                62)));
  }
}
