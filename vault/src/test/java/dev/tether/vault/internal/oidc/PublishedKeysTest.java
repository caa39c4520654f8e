package dev.tether.vault.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.MutableClock;
import dev.tether.vault.internal.state.MemoryStore;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.StoreUnavailableException;
import dev.tether.vault.internal.state.Taken;
import dev.tether.vault.internal.state.VaultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' signing keys over one store (in memory here; Redis in WebIdentityReplicasTest):
 * each key set holds both replicas' public keys for as long as each key signs or is retained.
 */
class PublishedKeysTest {

  private static final Duration ROTATION = Duration.ofHours(24);
  private static final Duration RETENTION = Duration.ofHours(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  private final MemoryStore store = new MemoryStore(clock);
  private final IssuerKeys rootKeys = IssuerKeys.random("tether-vault/published-keys-test");
  private final PublishedKeys published = new PublishedKeys(store, clock, rootKeys);
  private final OidcSigningKeys replicaA =
      new OidcSigningKeys(clock, ROTATION, RETENTION, published);
  private final OidcSigningKeys replicaB =
      new OidcSigningKeys(clock, ROTATION, RETENTION, new PublishedKeys(store, clock, rootKeys));

  @Test
  void eachReplicasKeySetHoldsBothReplicasSigningKeysAndNoPrivatePart() {
    String a = replicaA.signingKey().getKeyID();
    String b = replicaB.signingKey().getKeyID();

    assertThat(keyIds(replicaA.publicKeys())).containsExactlyInAnyOrder(a, b);
    assertThat(keyIds(replicaB.publicKeys())).containsExactlyInAnyOrder(a, b);
    assertThat(replicaA.publicKeys().getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
  }

  @Test
  void aReplacedKeyStaysInTheOtherReplicasKeySetForTheRetentionOnly() {
    String old = replicaA.signingKey().getKeyID();
    clock.advance(Duration.ofHours(2));
    replicaA.rotate(); // early, as after a suspected compromise: retained an hour, not 23 more
    String next = replicaA.signingKey().getKeyID();

    clock.advance(RETENTION.minusMinutes(1));
    assertThat(keyIds(replicaB.publicKeys())).contains(old, next);
    clock.advance(Duration.ofMinutes(2));
    assertThat(keyIds(replicaB.publicKeys())).contains(next).doesNotContain(old);
  }

  @Test
  void aReplicaThatStoppedSigningDropsOutOnceItsLastKeyExpires() {
    String b = replicaB.signingKey().getKeyID();
    clock.advance(ROTATION.plus(RETENTION).minusMinutes(1));
    assertThat(keyIds(replicaA.publicKeys())).contains(b);
    clock.advance(Duration.ofMinutes(2)); // replica B is gone: it never rotated
    assertThat(keyIds(replicaA.publicKeys())).doesNotContain(b);
  }

  /** What someone who can write to the store, but holds no root key, can try. */
  @Test
  void aKeyPlantedInTheStoreWithoutTheReplicasTagNeverReachesTheKeySet() throws Exception {
    Set<String> honest = keyIds(replicaB.publicKeys());
    RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
    long until = clock.instant().getEpochSecond() + 3600;
    String jwk = attacker.toPublicJWK().toJSONString();
    PublishedKeys.Publication untagged = new PublishedKeys.Publication("attacker", jwk, until, null);
    plant(untagged);
    plant(new PublishedKeys.Publication("attacker", jwk, until, "k1.AAAA"));
    // tagged by a Vault with other root keys: another issuer, not a replica
    IssuerKeys foreign = IssuerKeys.random("tether-vault/published-keys-test");
    plant(untagged.withTag(foreign.replicaTag(untagged.tagged())));

    assertThat(keyIds(replicaB.publicKeys())).isEqualTo(honest).doesNotContain("attacker");
  }

  @Test
  void aGenuineTagDoesNotLengthenAKeysTime() {
    String key = replicaA.signingKey().getKeyID();
    PublishedKeys.Publication genuine = store.<PublishedKeys.Publication>log(PublishedKeys.KIND)
        .stream().filter(p -> p.keyId().equals(key)).findFirst().orElseThrow();
    plant(new PublishedKeys.Publication(
        key, genuine.publicJwk(), genuine.until() + 86_400, genuine.tag()));

    clock.advance(ROTATION.plus(RETENTION).plusMinutes(1));

    assertThat(published.current()).doesNotContainKey(key);
  }

  @Test
  void anEntryThatIsNoPublicationReadsAsOneWithoutATag() {
    assertThat(PublishedKeys.KIND.codec().decode("{\"kid\":1}").tag()).isNull();
    assertThat(PublishedKeys.KIND.codec().decode("not json").tag()).isNull();
  }

  @Test
  void aTaggedPublicationWhoseKeyIsNotTheOneItNamesIsLeftOut() {
    RSAKey other = replicaA.signingKey();
    long until = clock.instant().getEpochSecond() + 60;
    String jwk = other.toPublicJWK().toJSONString();
    PublishedKeys.Publication renamed = new PublishedKeys.Publication("renamed", jwk, until, null);
    plant(renamed.withTag(rootKeys.replicaTag(renamed.tagged())));

    assertThat(published.current()).containsKey(other.getKeyID()).doesNotContainKey("renamed");
  }

  /** A replica signs right after it publishes: the others' key sets must show the key at once. */
  @Test
  void anotherReplicasNewKeyShowsAtOnce() throws Exception {
    PublishedKeys reader = new PublishedKeys(store, clock, rootKeys);
    Set<String> before = reader.current().keySet();
    RSAKey next = new RSAKeyGenerator(2048).keyID("replica-c").generate();
    new PublishedKeys(store, clock, rootKeys).publish(next, clock.instant().plus(ROTATION));

    assertThat(reader.current().keySet()).contains("replica-c").containsAll(before);
  }

  @Test
  void whenTheStoreIsDownTheKeySetIsTheReplicasOwnAndARotationWaitsForIt() {
    OutageStore flaky = new OutageStore(store);
    OidcSigningKeys replicaC =
        new OidcSigningKeys(clock, ROTATION, RETENTION, new PublishedKeys(flaky, clock, rootKeys));
    String own = replicaC.signingKey().getKeyID();
    assertThat(keyIds(replicaC.publicKeys())).contains(own, replicaA.signingKey().getKeyID());

    flaky.down = true;
    assertThat(keyIds(replicaC.publicKeys())).containsExactly(own);
    clock.advance(ROTATION); // due for rotation, but the new key cannot be published
    assertThatThrownBy(replicaC::signingKey).isInstanceOf(StoreUnavailableException.class);
    assertThat(keyIds(replicaC.publicKeys())).containsExactly(own);

    flaky.down = false;
    String next = replicaC.signingKey().getKeyID();
    assertThat(next).isNotEqualTo(own);
    assertThat(keyIds(replicaA.publicKeys())).contains(next);
  }

  @Test
  void withoutASharedStoreTheKeySetIsTheReplicasOwn() {
    OidcSigningKeys alone = new OidcSigningKeys(clock, ROTATION, RETENTION);
    assertThat(keyIds(alone.publicKeys())).containsExactly(alone.signingKey().getKeyID());
  }

  /** The shared store, or, while {@code down}, a store that does not answer. */
  private static final class OutageStore implements VaultStore {
    private final VaultStore store;
    volatile boolean down;

    OutageStore(VaultStore store) {
      this.store = store;
    }

    private VaultStore up() {
      if (down) {
        throw new StoreUnavailableException("redis://test", "connection refused", null);
      }
      return store;
    }

    @Override
    public String describe() {
      return "redis://test";
    }

    @Override
    public <T> void put(RecordKind<T> kind, String id, T value, Duration ttl) {
      up().put(kind, id, value, ttl);
    }

    @Override
    public <T> T putIfAbsent(RecordKind<T> kind, String id, T value, Duration ttl) {
      return up().putIfAbsent(kind, id, value, ttl);
    }

    @Override
    public <T> T get(RecordKind<T> kind, String id) {
      return up().get(kind, id);
    }

    @Override
    public <T> boolean replace(RecordKind<T> kind, String id, T expected, T replacement) {
      return up().replace(kind, id, expected, replacement);
    }

    @Override
    public <T> Taken<T> take(RecordKind<T> kind, String id, String owner, Duration tombstoneTtl) {
      return up().take(kind, id, owner, tombstoneTtl);
    }

    @Override
    public boolean claimOnce(String kind, String id, Duration ttl) {
      return up().claimOnce(kind, id, ttl);
    }

    @Override
    public <T> void append(RecordKind<T> kind, T value, int capacity) {
      up().append(kind, value, capacity);
    }

    @Override
    public <T> List<T> log(RecordKind<T> kind) {
      return up().log(kind);
    }

    @Override
    public <T> void forEach(RecordKind<T> kind, BiConsumer<String, T> action) {
      up().forEach(kind, action);
    }

    @Override
    public void ping() {
      up().ping();
    }

    @Override
    public void close() {}
  }

  private void plant(PublishedKeys.Publication publication) {
    store.append(PublishedKeys.KIND, publication, PublishedKeys.CAPACITY);
  }

  private static Set<String> keyIds(JWKSet set) {
    List<JWK> keys = set.getKeys();
    return keys.stream().map(JWK::getKeyID).collect(Collectors.toSet());
  }
}
