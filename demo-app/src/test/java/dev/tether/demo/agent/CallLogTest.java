package dev.tether.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.bootstrap.TetherDeniedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CallLogTest {

  private final CallLog log = new CallLog();

  @Test
  void recordsADenialDeepInTheCauseChainAsRefused() {
    log.beginTurn(2);
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
}
