package dev.tether.vault.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.vault.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The embedded store against the contract, on a clock the test moves. */
class MemoryStoreTest extends VaultStoreContract {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
  private final MemoryStore store = new MemoryStore(clock);

  @Override
  VaultStore store() {
    return store;
  }

  @Override
  void passTime(Duration duration) {
    clock.advance(duration);
  }

  @Test
  void aFullNamespaceRefusesNewRecordsUntilSomeExpire() {
    RecordKind<Note> small = RecordKind.of("small", CODEC, 2);
    store.put(small, "a", new Note("k", "a", 1), SHORT);
    store.put(small, "b", new Note("k", "b", 2), LONG);
    store.put(small, "b", new Note("k", "b again", 2), LONG); // replacing needs no room

    assertThatThrownBy(() -> store.put(small, "c", new Note("k", "c", 3), LONG))
        .isInstanceOfSatisfying(StoreFullException.class,
            full -> assertThat(full.capacity()).isEqualTo(2));
    passTime(SHORT.multipliedBy(2));
    store.put(small, "c", new Note("k", "c", 3), LONG);
    assertThat(store.get(small, "c")).isNotNull();
  }

  @Test
  void aFullNamespaceIsSweptForRoomAtMostEveryHundredMilliseconds() {
    RecordKind<Note> small = RecordKind.of("small", CODEC, 2);
    Duration brief = Duration.ofMillis(10);
    store.put(small, "a", new Note("k", "a", 1), brief);
    store.put(small, "b", new Note("k", "b", 2), brief);
    assertThatThrownBy(() -> store.put(small, "c", new Note("k", "c", 3), LONG))
        .isInstanceOf(StoreFullException.class); // swept: nothing had expired

    passTime(Duration.ofMillis(50)); // a and b have expired, but the last sweep is too recent
    assertThatThrownBy(() -> store.put(small, "c", new Note("k", "c", 3), LONG))
        .isInstanceOf(StoreFullException.class);

    passTime(Duration.ofMillis(MemoryStore.FULL_SWEEP_EVERY_MILLIS));
    store.put(small, "c", new Note("k", "c", 3), LONG);
    assertThat(store.get(small, "c")).isNotNull();
  }

  @Test
  void tombstonesAreBoundedByTheKindsCapacityAndAFullSetKeepsNoMore() {
    RecordKind<Note> small = RecordKind.of("small", CODEC, 2);
    for (String id : new String[] {"a", "b", "c"}) {
      store.put(small, id, new Note("k", id, 1), LONG);
      assertThat(store.take(small, id, null, LONG).outcome()).isEqualTo(Taken.Outcome.TAKEN);
    }

    assertThat(store.take(small, "a", null, LONG).outcome()).isEqualTo(Taken.Outcome.SPENT);
    assertThat(store.take(small, "b", null, LONG).outcome()).isEqualTo(Taken.Outcome.SPENT);
    assertThat(store.take(small, "c", null, LONG).outcome())
        .as("taken once all the same; no room was left for its tombstone")
        .isEqualTo(Taken.Outcome.UNKNOWN);
  }

  @Test
  void itKeepsTheObjectsItIsGivenWithoutEncodingThem() {
    Note note = new Note("k", "same object", 1);
    store.put(NOTES, "same", note, LONG);

    assertThat(store.get(NOTES, "same")).isSameAs(note);
  }
}
