package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.internal.config.ApiConfig;
import org.junit.jupiter.api.Test;

class HttpCallStateTest {

  private final ApiRoutes.Route kept =
      new ApiRoutes.Route(new ApiConfig("api.example.com", ApiConfig.TIME_BOXED, null, null, 0));
  private final ApiRoutes.Route singleUse =
      new ApiRoutes.Route(new ApiConfig("other.example.com", ApiConfig.SINGLE_USE, null, null, 0));

  @Test
  void aKeptTokenGivenBetweenManySingleUseOnesIsStillKnown() {
    HttpCallState state = new HttpCallState();
    String token = "Bearer kept";
    for (int i = 0; i < 120; i++) {
      state.gave(token, kept);
      state.gave("Bearer single-" + i, singleUse);
    }
    for (int i = 0; i < 10; i++) {
      state.gave("Bearer later-" + i, singleUse);
    }
    // Given 120 times, last 10 values ago: kept however long ago it was first given.
    assertThat(state.givenFor(token)).isSameAs(kept);
    assertThat(state.givenFor("Bearer single-119")).isSameAs(singleUse);
  }

  @Test
  void theLeastRecentlyGivenValuesAreForgottenBeyondTheLimit() {
    HttpCallState state = new HttpCallState();
    for (int i = 0; i < 100; i++) {
      state.gave("Bearer single-" + i, singleUse);
    }
    assertThat(state.givenFor("Bearer single-0")).isNull();
    assertThat(state.givenFor("Bearer single-99")).isSameAs(singleUse);
    assertThat(state.givenFor(null)).isNull();
    assertThat(state.givenFor("Bearer never-given")).isNull();
  }
}
