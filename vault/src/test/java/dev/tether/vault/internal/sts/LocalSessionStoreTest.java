package dev.tether.vault.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.scope.AwsScope;
import dev.tether.vault.LocalSession;
import dev.tether.vault.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSessionStoreTest {

  private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final LocalSessionStore store = new LocalSessionStore(clock);

  @Test
  void aSessionIsKeptThroughItsGraceAndForgottenAfter() {
    store.put(session("ASIA1", START.plus(Duration.ofMinutes(15))));
    clock.advance(Duration.ofMinutes(15).plus(LocalSessionStore.GRACE)); // grace just ending
    store.put(session("ASIA2", clock.instant().plus(Duration.ofMinutes(15))));
    assertThat(store.get("ASIA1")).as("expired, within its grace").isPresent();

    clock.advance(Duration.ofSeconds(1));
    store.put(session("ASIA3", clock.instant().plus(Duration.ofMinutes(15))));
    assertThat(store.get("ASIA1")).isEmpty();
    assertThat(store.get("ASIA2")).isPresent();
    assertThat(store.get("ASIA3")).isPresent();
  }

  @Test
  void sessionsAreForgottenByWhenTheyExpireNotByWhenTheyWereIssued() {
    store.put(session("LONG", START.plus(Duration.ofHours(12))));
    store.put(session("SHORT", START.plus(Duration.ofMinutes(15))));
    store.put(session("MIDDLE", START.plus(Duration.ofHours(1))));

    clock.advance(Duration.ofHours(2).plusSeconds(1)); // past SHORT's and MIDDLE's grace
    store.put(session("NEW", clock.instant().plus(Duration.ofMinutes(15))));

    assertThat(store.get("SHORT")).isEmpty();
    assertThat(store.get("MIDDLE")).isEmpty();
    assertThat(store.get("LONG")).isPresent();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aSteadyStreamOfIssuancesHoldsOnlyWhatIsInItsGrace() {
    for (int minute = 0; minute < 600; minute++) {
      store.put(session("ASIA" + minute, clock.instant().plus(Duration.ofMinutes(15))));
      clock.advance(Duration.ofMinutes(1));
    }
    // Issued in the last 75 minutes (15 valid + 60 of grace), give or take the boundary.
    assertThat(store.size()).isBetween(75, 76);
  }

  private static LocalSession session(String accessKeyId, Instant expiration) {
    return new LocalSession(accessKeyId, "secret", "token", expiration, AwsScope.none(), Map.of());
  }
}
