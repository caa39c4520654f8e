package dev.tether.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.bootstrap.TetherDeniedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CallLogTest {

  private final CallLog log = new CallLog();

  @Test
  void recordsADenialDeepInTheCauseChainAsRefused() {
    log.beginTurn(2, List.of("writePatch"));
    log.record(
        "writePatch",
        "upload",
        S3Operations.PUT_OBJECT,
        "bucket",
        "key",
        Outcome.ALLOWED,
        () ->
            CompletableFuture.<String>supplyAsync(
                    () -> {
                      throw new IllegalStateException(
                          "SDK wrapper",
                          new TetherDeniedException(
                              "tool writePatch may not s3:PutObject arn:aws:s3:::bucket/key\n"
                                  + "more"));
                    })
                .join());

    CallRecord record = log.records().get(0);
    assertThat(record.turn()).isEqualTo(2);
    assertThat(record.tool()).isEqualTo("writePatch");
    assertThat(record.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(record.detail())
        .isEqualTo("tool writePatch may not s3:PutObject arn:aws:s3:::bucket/key");
  }

  @Test
  void recordsAnyOtherExceptionAsFailed() {
    log.record(
        null,
        "outside",
        S3Operations.GET_OBJECT,
        "bucket",
        "key",
        Outcome.REFUSED,
        () -> {
          throw new CompletionException(new SecurityException("not Tether's"));
        });

    CallRecord record = log.records().get(0);
    assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(record.detail()).startsWith("CompletionException: ");
    assertThat(record.turn()).isZero();
  }

  @Test
  void recordsASuccessfulStepAsAllowedWithItsSummary() {
    log.record(
        "fetchSources",
        "read",
        S3Operations.GET_OBJECT,
        "b",
        "k",
        Outcome.ALLOWED,
        () -> "3 lines");

    assertThat(log.records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.ALLOWED);
              assertThat(r.detail()).isEqualTo("3 lines");
            });
  }

  @Test
  void groupsATurnsStepsByToolInTheOrderTheModelAskedWhateverOrderTheyRanIn() {
    log.beginTurn(1, List.of("fetchSources", "readBuildLog"));
    step("readBuildLog", "log 1");
    step("fetchSources", "source 1");
    step("readBuildLog", "log 2");
    step("fetchSources", "source 2");
    log.endTurn();
    step(null, "outside");
    log.beginTurn(2, List.of("writePatch"));
    step("writePatch", "patch");
    log.endTurn();

    assertThat(log.records())
        .extracting(CallRecord::description)
        .containsExactly("source 1", "source 2", "log 1", "log 2", "outside", "patch");
    assertThat(log.records()).extracting(CallRecord::turn).containsExactly(1, 1, 1, 1, 0, 2);
  }

  @Test
  void recordsAFailedAgentLoopAsAFailedStepOutsideAnyTool() {
    log.beginTurn(1, List.of("fetchSources"));
    log.loopFailed("turn 1: the AI service call failed", new IllegalStateException("off script"));

    assertThat(log.records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.turn()).isEqualTo(1);
              assertThat(r.outsideTools()).isTrue();
              assertThat(r.operation()).isEqualTo(CallLog.AGENT_LOOP);
              assertThat(r.expected()).isEqualTo(Outcome.ALLOWED);
              assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
              assertThat(r.detail()).isEqualTo("IllegalStateException: off script");
            });
  }

  private void step(String tool, String description) {
    log.record(tool, description, S3Operations.GET_OBJECT, "b", "k", Outcome.ALLOWED, () -> "ok");
  }
}
