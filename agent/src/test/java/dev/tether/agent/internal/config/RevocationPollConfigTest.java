package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vault.revocation-poll}: how often the agent reads its task's revocations. */
class RevocationPollConfigTest {

  @Test
  void defaultsToFiveSecondsAndTakesADurationInRange() throws ConfigException {
    assertThat(ConfigLoader.parse("vault:\n  url: http://127.0.0.1:8787\n", "t.yaml").vault()
        .revocationPoll()).isEqualTo(Duration.ofSeconds(5));
    TetherConfig config = ConfigLoader.parse("vault:\n  revocation-poll: 250ms\n", "t.yaml");
    assertThat(config.vault().revocationPoll()).isEqualTo(Duration.ofMillis(250));
    assertThat(ConfigReport.render(config, null, "none").text())
        .contains("  revocation poll: every 250ms");
    assertThat(ConfigReport.render(ConfigLoader.parse("vault:\n  revocation-poll: 5s\n", "t.yaml"),
        null, "none").text()).doesNotContain("revocation poll");
  }

  @Test
  void aPollOutOfRangeOrWithoutAUnitIsNamedWithWhatToWrite() {
    assertThat(problems("vault:\n  revocation-poll: 50ms\n")).containsExactly(
        "t.yaml:2:20: vault.revocation-poll 50ms is outside the allowed range"
            + " — write a value from 100ms to 10m");
    assertThat(problems("vault:\n  revocation-poll: 5\n")).containsExactly(
        "t.yaml:2:20: vault.revocation-poll '5' has no unit — write '5s' or '5ms'");
    assertThat(problems("vault:\n  revocation_poll: 5s\n")).singleElement().asString()
        .contains("unknown key 'revocation_poll' in vault").contains("revocation-poll");
  }

  private static List<String> problems(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yaml"))
        .problems().stream().map(Object::toString).toList();
  }
}
