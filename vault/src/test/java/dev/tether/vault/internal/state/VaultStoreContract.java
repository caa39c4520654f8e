package dev.tether.vault.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VaultStore} promises, run against each implementation: the embedded one and
 * Redis behave alike, including under concurrent takes and claims.
 */
abstract class VaultStoreContract {

  /** A record with an owner, and text that needs escaping. */
  record Note(String owner, String text, long number) {}

  static final RecordCodec<Note> CODEC = new RecordCodec<>() {
    @Override
    public String encode(Note note) {
      return JsonRecords.write(JsonObject.builder()
          .put("owner", note.owner())
          .put("text", note.text())
          .put("number", JsonRecords.number(note.number()))
          .build());
    }

    @Override
    public Note decode(String text) {
      JsonObject json = JsonRecords.read(text);
      return new Note(JsonRecords.string(json, "owner"), JsonRecords.string(json, "text"),
          JsonRecords.number(json, "number"));
    }
  };

  static final RecordKind<Note> NOTES =
      RecordKind.owned("note", CODEC, "owner", Note::owner, 0);

  static final Duration LONG = Duration.ofMinutes(10);
  static final Duration SHORT = Duration.ofMillis(300);

  /** The store under test; the same one for every test of a class. */
  abstract VaultStore store();

  /** Lets {@code duration} pass on the store's clock. */
  abstract void passTime(Duration duration) throws InterruptedException;

  static String id() {
    return UUID.randomUUID().toString();
  }

  static RecordKind<Note> freshKind(String prefix) {
    return RecordKind.owned(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), CODEC,
        "owner", Note::owner, 0);
  }

  @Test
  void putThenGetReturnsTheRecordAndPutReplacesIt() {
    String id = id();
    Note note = new Note("k1", "quotes \" and \\ and \n and é and \u2028", -42);

    assertThat(store().get(NOTES, id)).isNull();
    store().put(NOTES, id, note, LONG);
    assertThat(store().get(NOTES, id)).isEqualTo(note);
    store().put(NOTES, id, new Note("k1", "second", 2), LONG);
    assertThat(store().get(NOTES, id)).isEqualTo(new Note("k1", "second", 2));
  }

  @Test
  void aRecordIsForgottenWhenItsTimeToLivePasses() throws Exception {
    String id = id();
    store().put(NOTES, id, new Note("k1", "brief", 1), SHORT);
    String kept = id();
    store().put(NOTES, kept, new Note("k1", "kept", 1), LONG);

    passTime(SHORT.multipliedBy(2));

    assertThat(store().get(NOTES, id)).isNull();
    assertThat(store().get(NOTES, kept)).isNotNull();
  }

  @Test
  void putIfAbsentKeepsTheFirstRecordUntilItExpires() throws Exception {
    String id = id();
    Note first = new Note("k1", "first", 1);

    assertThat(store().putIfAbsent(NOTES, id, first, SHORT)).isNull();
    assertThat(store().putIfAbsent(NOTES, id, new Note("k2", "second", 2), LONG)).isEqualTo(first);
    assertThat(store().get(NOTES, id)).isEqualTo(first);
    passTime(SHORT.multipliedBy(2));
    assertThat(store().putIfAbsent(NOTES, id, new Note("k3", "third", 3), LONG)).isNull();
    assertThat(store().get(NOTES, id).text()).isEqualTo("third");
  }

  @Test
  void replaceSwapsOnlyTheExpectedRecordAndKeepsItsTimeToLive() throws Exception {
    String id = id();
    Note original = new Note("k1", "original", 1);
    Note renewed = new Note("k1", "renewed", 2);
    store().put(NOTES, id, original, SHORT);

    assertThat(store().replace(NOTES, id, new Note("k1", "not it", 1), renewed)).isFalse();
    assertThat(store().replace(NOTES, id, original, renewed)).isTrue();
    assertThat(store().get(NOTES, id)).isEqualTo(renewed);
    assertThat(store().replace(NOTES, id, original, new Note("k1", "third", 3))).isFalse();
    assertThat(store().replace(NOTES, id(), original, renewed)).as("no record").isFalse();

    passTime(SHORT.multipliedBy(2));
    assertThat(store().get(NOTES, id)).as("the original time to live still runs").isNull();
  }

  @Test
  void aRecordIsTakenOnceThenReadsAsSpentUntilItsTombstoneExpires() throws Exception {
    String id = id();
    Note note = new Note("k1", "once", 1);
    store().put(NOTES, id, note, LONG);

    assertThat(store().take(NOTES, id, null, SHORT)).isEqualTo(new Taken<>(Taken.Outcome.TAKEN,
        note));
    assertThat(store().get(NOTES, id)).isNull();
    assertThat(store().take(NOTES, id, null, SHORT).outcome()).isEqualTo(Taken.Outcome.SPENT);
    assertThat(store().take(NOTES, id(), null, SHORT).outcome())
        .isEqualTo(Taken.Outcome.UNKNOWN);
    assertThat(store().take(NOTES, id(), null, SHORT).outcome())
        .as("asking leaves no tombstone").isEqualTo(Taken.Outcome.UNKNOWN);

    passTime(SHORT.multipliedBy(2));
    assertThat(store().take(NOTES, id, null, SHORT).outcome()).isEqualTo(Taken.Outcome.UNKNOWN);
  }

  @Test
  void onlyItsOwnerTakesAnOwnedRecordAndAnotherLeavesItInPlace() {
    String id = id();
    Note note = new Note("owner-key", "mine", 1);
    store().put(NOTES, id, note, LONG);

    assertThat(store().take(NOTES, id, "thief-key", LONG).outcome())
        .isEqualTo(Taken.Outcome.FOREIGN);
    assertThat(store().get(NOTES, id)).isEqualTo(note);
    assertThat(store().take(NOTES, id, "owner-key", LONG).value()).isEqualTo(note);
    assertThat(store().take(NOTES, id, "owner-key", LONG).outcome())
        .isEqualTo(Taken.Outcome.SPENT);
  }

  @Test
  void concurrentTakesOfOneRecordTakeItOnceAndTheRestReadSpentNeverUnknown() throws Exception {
    int records = 100;
    int racers = 16;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      String id = id();
      ids.add(id);
      store().put(NOTES, id, new Note("k", "n" + i, i), LONG);
    }
    Map<Taken.Outcome, Integer> outcomes = race(ids, racers,
        id -> store().take(NOTES, id, "k", LONG).outcome());

    assertThat(outcomes).containsOnlyKeys(Taken.Outcome.TAKEN, Taken.Outcome.SPENT);
    assertThat(outcomes.get(Taken.Outcome.TAKEN)).isEqualTo(records);
    assertThat(outcomes.get(Taken.Outcome.SPENT)).isEqualTo(records * (racers - 1));
  }

  @Test
  void anIdIsClaimedOnceAcrossConcurrentCallersUntilTheClaimExpires() throws Exception {
    int ids = 100;
    int racers = 16;
    List<String> claimed = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      claimed.add(id());
    }
    Map<Boolean, Integer> outcomes =
        race(claimed, racers, id -> store().claimOnce("claim", id, SHORT));

    assertThat(outcomes.get(true)).isEqualTo(ids);
    assertThat(outcomes.get(false)).isEqualTo(ids * (racers - 1));
    passTime(SHORT.multipliedBy(2));
    assertThat(store().claimOnce("claim", claimed.get(0), LONG)).isTrue();
    assertThat(store().claimOnce("other-claim", claimed.get(1), LONG))
        .as("namespaces are apart").isTrue();
  }

  @Test
  void aLogKeepsTheNewestInOrder() {
    RecordKind<Note> log = freshKind("log");
    assertThat(store().log(log)).isEmpty();
    for (int i = 1; i <= 12; i++) {
      store().append(log, new Note("k", "entry " + i, i), 10);
    }

    assertThat(store().log(log)).extracting(Note::number)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
  }

  @Test
  void forEachVisitsEveryLiveRecordOfItsKindOnly() throws Exception {
    RecordKind<Note> kind = freshKind("each");
    Map<String, Note> expected = new HashMap<>();
    for (int i = 0; i < 1200; i++) {
      String id = "n" + i;
      expected.put(id, new Note("k", "n", i));
      store().put(kind, id, expected.get(id), LONG);
    }
    store().put(kind, "brief", new Note("k", "brief", -1), SHORT);
    store().put(kind, "taken", new Note("k", "taken", -2), LONG);
    store().take(kind, "taken", null, LONG);
    store().append(kind, new Note("k", "logged", -3), 10);
    store().put(NOTES, id(), new Note("k", "another kind", -4), LONG);
    passTime(SHORT.multipliedBy(2));

    Map<String, Note> seen = new HashMap<>();
    store().forEach(kind, seen::put);

    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void itAnswersPing() {
    store().ping();
    assertThat(store().describe()).isNotBlank();
  }

  private static <R> Map<R, Integer> race(
      List<String> ids, int racers, java.util.function.Function<String, R> action)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<R>> answers = new ArrayList<>();
      for (String id : ids) {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch ready = new CountDownLatch(racers);
        List<Future<R>> round = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
          round.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            return action.apply(id);
          }));
        }
        ready.await();
        go.countDown();
        answers.addAll(round);
        for (Future<R> answer : round) {
          answer.get();
        }
      }
      Map<R, Integer> counts = new HashMap<>();
      for (Future<R> answer : answers) {
        counts.merge(answer.get(), 1, Integer::sum);
      }
      return counts;
    } finally {
      pool.shutdownNow();
    }
  }
}
