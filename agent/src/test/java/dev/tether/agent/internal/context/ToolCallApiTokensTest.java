package dev.tether.agent.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The API tokens a tool call keeps: reused until they are about to expire, then fetched again. */
class ToolCallApiTokensTest {

  private final ToolCall call = new ToolCall("reader", "tc-1", null, null, null, null, null, null);
  private final AtomicInteger issued = new AtomicInteger();

  @Test
  void aTokenIsFetchedOnceAndThenKept() {
    assertThat(call.keptApiToken("api.example.com")).isNull();
    String first = call.apiToken("api.example.com", () -> issue(60_000));
    assertThat(call.keptApiToken("api.example.com")).isSameAs(first);
    assertThat(call.apiToken("api.example.com", () -> issue(60_000))).isSameAs(first);
    assertThat(issued).hasValue(1);
    assertThat(call.keptApiToken("other.example.com")).as("kept per purpose").isNull();
  }

  @Test
  void aTokenAboutToExpireIsNotKeptAndIsFetchedAgain() {
    String first = call.apiToken("api.example.com", () -> issue(2_000)); // within the 5 s margin
    assertThat(call.keptApiToken("api.example.com")).isNull();
    String second = call.apiToken("api.example.com", () -> issue(60_000));
    assertThat(second).isNotEqualTo(first);
    assertThat(call.keptApiToken("api.example.com")).isSameAs(second);
  }

  @Test
  void anEndedCallKeepsNothing() {
    call.end();
    call.apiToken("api.example.com", () -> issue(60_000));
    assertThat(call.keptApiToken("api.example.com")).isNull();
  }

  private ToolCall.ApiToken issue(long validMillis) {
    return new ToolCall.ApiToken("token-" + issued.incrementAndGet(),
        System.currentTimeMillis() + validMillis);
  }
}
