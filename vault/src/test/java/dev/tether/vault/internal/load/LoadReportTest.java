package dev.tether.vault.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

  private static final LoadPlan PLAN = new LoadPlan(
      ExchangeKind.API_TOKEN, 6, 16, Duration.ofSeconds(30), Duration.ofSeconds(10), 0, "t");

  @Test
  void tellsHowToShortenARunThatFilledTheVaultWithUnspentTokens() {
    LoadReport report = report(Map.of("HTTP 503 token_capacity", 20_325L));

    assertThat(report.errorCount()).isEqualTo(20_325);
    assertThat(report.summary()).contains("HTTP 503 token_capacity x20325");
    assertThat(report.advice())
        .contains("at most 200,000 unspent API tokens")
        .contains("--warmup 15s --duration 10s");
  }

  @Test
  void givesNoAdviceForErrorsOfTheVaultsOwn() {
    assertThat(report(Map.of("HTTP 403 token_expired", 3L)).advice()).isNull();
    assertThat(report(Map.of()).advice()).isNull();
  }

  private static LoadReport report(Map<String, Long> timedErrors) {
    PhaseResult timed = new PhaseResult(
        1_000, timedErrors, 1_000_000_000L, new long[] {1_000_000}, 1, 6, -1, -1, -1);
    return new LoadReport(PLAN, "embedded Vault", PhaseResult.NONE, timed, "0.1", "0.2");
  }
}
