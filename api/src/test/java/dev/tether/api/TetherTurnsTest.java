package dev.tether.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the agent the API is a no-op; with it, forked-JVM tests in agent-it cover it. */
class TetherTurnsTest {

  @Test
  void withoutTheAgentNarrowingDoesNothingAndSaysSo() {
    assertThat(TetherTurns.agentAttached()).isFalse();
    assertThat(TetherTurns.narrow(List.of("readFile"), List.of("acme/app"))).isEmpty();
  }
}
