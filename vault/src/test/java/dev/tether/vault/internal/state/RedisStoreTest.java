package dev.tether.vault.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

/** The Redis store against the contract, on a real redis-server, and how it fails. */
class RedisStoreTest extends VaultStoreContract {

  private static RedisServer server;
  private static RedisStore store;
  private static RedisClient raw;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    store = RedisStore.connect(server.location());
    raw = RedisClient.create("127.0.0.1", server.port());
  }

  @AfterAll
  static void stop() {
    if (raw != null) {
      raw.close();
    }
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  VaultStore store() {
    return store;
  }

  @Override
  void passTime(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis()); // Redis checks a key's deadline whenever it is read
  }

  @Test
  void keysAreNamespacedAndEverythingThatExpiresHasATimeToLive() {
    String record = id();
    String taken = id();
    String claim = id();
    store.put(NOTES, record, new Note("k", "r", 1), LONG);
    store.put(NOTES, taken, new Note("k", "t", 2), LONG);
    store.take(NOTES, taken, "k", Duration.ofMinutes(5));
    store.claimOnce("claim", claim, Duration.ofMinutes(3));

    assertThat(raw.get("tether:note:" + record)).isEqualTo(
        "{\"owner\":\"k\",\"text\":\"r\",\"number\":1}");
    assertThat(raw.pttl("tether:note:" + record)).isBetween(1L, LONG.toMillis());
    assertThat(raw.exists("tether:note:" + taken)).isFalse();
    assertThat(raw.pttl("tether:note-spent:" + taken)).isBetween(1L, 300_000L);
    assertThat(raw.pttl("tether:claim:" + claim)).isBetween(1L, 180_000L);
  }

  @Test
  void aRecordSomethingElseWroteIsReportedNotGuessedAt() {
    String id = id();
    raw.set("tether:note:" + id, "not json");

    assertThatThrownBy(() -> store.get(NOTES, id))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(server.location().toString())
        .hasMessageContaining("a note record does not read");
  }

  @Test
  @Timeout(60)
  void whenRedisIsDownEveryCallFailsClosedNamingTheStoreAndItRecoversWhenRedisIsBack() {
    try (RedisServer own = RedisServer.start();
        RedisStore fragile = RedisStore.connect(own.location())) {
      String id = id();
      fragile.put(NOTES, id, new Note("k", "before", 1), LONG);

      own.stop();
      List<Runnable> calls = List.of(
          () -> fragile.get(NOTES, id),
          () -> fragile.put(NOTES, id, new Note("k", "during", 2), LONG),
          () -> fragile.take(NOTES, id, "k", LONG),
          () -> fragile.claimOnce("claim", id, LONG),
          () -> fragile.append(NOTES, new Note("k", "log", 3), 10),
          fragile::ping);
      for (Runnable call : calls) {
        assertThatThrownBy(call::run)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("the Vault's state store " + own.location() + " is unavailable")
            .hasMessageContaining("refuses requests");
      }

      own.restart(); // empty: --save ''
      assertThat(fragile.get(NOTES, id)).isNull();
      assertThat(fragile.take(NOTES, id, "k", LONG).outcome()).isEqualTo(Taken.Outcome.UNKNOWN);
      fragile.put(NOTES, id, new Note("k", "after", 3), LONG);
      assertThat(fragile.get(NOTES, id).text()).isEqualTo("after");
      // The scripts Redis forgot on restart are loaded again.
      assertThat(fragile.take(NOTES, id, "k", LONG).outcome()).isEqualTo(Taken.Outcome.TAKEN);
    }
  }

  @Test
  void aRedisThatWouldEvictTheVaultsRecordsIsRefused() {
    raw.configSet("maxmemory-policy", "volatile-lru");
    try {
      assertThatThrownBy(() -> RedisStore.connect(server.location()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("maxmemory-policy volatile-lru")
          .hasMessageContaining("set maxmemory-policy noeviction");
    } finally {
      raw.configSet("maxmemory-policy", "noeviction");
    }
  }

  @Test
  void aPasswordIsSentButNeverShown() {
    String password = "correct-horse-battery-staple";
    try (RedisServer guarded = RedisServer.start("--requirepass", password)) {
      assertThatThrownBy(() -> RedisStore.connect(guarded.location()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("NOAUTH");
      assertThatThrownBy(
              () -> RedisStore.connect(guarded.location().withCredentials(null, "wrong-one")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("WRONGPASS")
          .hasMessageNotContaining("wrong-one");
      try (RedisStore authenticated =
          RedisStore.connect(guarded.location().withCredentials(null, password))) {
        authenticated.put(NOTES, "x", new Note("k", "in", 1), LONG);
        assertThat(authenticated.get(NOTES, "x").text()).isEqualTo("in");
        assertThat(authenticated.describe()).doesNotContain(password);
        assertThat(guarded.location().withCredentials(null, password).toString())
            .doesNotContain(password);
      }
      // The ACL user docs/vault.md suggests is enough for everything the Vault does.
      try (RedisClient admin = RedisClient.builder()
          .hostAndPort(new redis.clients.jedis.HostAndPort("127.0.0.1", guarded.port()))
          .clientConfig(redis.clients.jedis.DefaultJedisClientConfig.builder()
              .password(password).build())
          .build()) {
        admin.sendCommand(redis.clients.jedis.Protocol.Command.ACL, "SETUSER", "tether-vault",
            "on", ">vault-user-pass", "~tether:*", "+@read", "+@write", "+@scripting",
            "+@connection", "+config|get");
      }
      try (RedisStore limited = RedisStore.connect(
          guarded.location().withCredentials("tether-vault", "vault-user-pass"))) {
        RecordKind<Note> kind = freshKind("acl");
        limited.put(kind, "a", new Note("k", "a", 1), LONG);
        assertThat(limited.putIfAbsent(kind, "a", new Note("k", "b", 2), LONG)).isNotNull();
        assertThat(limited.replace(kind, "a", new Note("k", "a", 1), new Note("k", "c", 3)))
            .isTrue();
        assertThat(limited.take(kind, "a", "k", LONG).outcome()).isEqualTo(Taken.Outcome.TAKEN);
        assertThat(limited.claimOnce("acl-claim", "x", LONG)).isTrue();
        limited.append(kind, new Note("k", "log", 4), 5);
        assertThat(limited.log(kind)).hasSize(1);
        limited.put(kind, "b", new Note("k", "b", 5), LONG);
        java.util.List<String> seen = new java.util.ArrayList<>();
        limited.forEach(kind, (id, note) -> seen.add(id));
        assertThat(seen).containsExactly("b");
      }
    }
  }
}
