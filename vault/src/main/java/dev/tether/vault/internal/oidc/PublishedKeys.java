package dev.tether.vault.internal.oidc;

import com.nimbusds.jose.jwk.RSAKey;
import dev.tether.core.json.JsonObject;
import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.state.JsonRecords;
import dev.tether.vault.internal.state.RecordCodec;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.VaultStore;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OIDC public keys of every Vault replica, shared through the Vault's store. Each replica
 * publishes the keys it signs with as it makes them, and serves every replica's in its key set, so
 * that a relying party (STS) verifies a token whichever replica signed it and whichever replica its
 * key-set request reached. Only public keys go to the store; each private key stays in the memory
 * of the replica that made it.
 *
 * <p>The store holds no secret and is not trusted with one: a key put in the key set is a key STS
 * takes tokens from. So each publication carries a tag under the replicas' root key ({@link
 * IssuerKeys#replicaTag}), and one without a valid tag is left out: whoever can write to the
 * store cannot add a key of their own.
 */
public final class PublishedKeys {

  /**
   * Publications kept, newest last: one per key made and one per key replaced, so with daily
   * rotation and restarts now and then, room for some sixteen replicas' live keys. The key set
   * reads them all, so the list stays short.
   */
  static final int CAPACITY = 64;

  static final RecordKind<Publication> KIND =
      RecordKind.of("oidc-key", new PublicationCodec(), CAPACITY);

  /**
   * One key published until {@code until} (epoch seconds), with the replicas' tag over the three;
   * a later publication of the same key wins.
   */
  record Publication(String keyId, String publicJwk, long until, String tag) {

    /** What the tag covers: the three fields, unambiguously joined (a key id holds no newline). */
    byte[] tagged() {
      return (keyId + "\n" + until + "\n" + publicJwk).getBytes(StandardCharsets.UTF_8);
    }

    Publication withTag(String newTag) {
      return new Publication(keyId, publicJwk, until, newTag);
    }
  }

  private final VaultStore store;
  private final Clock clock;
  private final IssuerKeys keys;

  /** @param keys the root keys every replica holds, which tag and check each publication */
  public PublishedKeys(VaultStore store, Clock clock, IssuerKeys keys) {
    this.store = store;
    this.clock = clock;
    this.keys = keys;
  }

  /**
   * Publishes {@code key}'s public part until {@code until}, for every replica's key set.
   *
   * @throws dev.tether.vault.internal.state.StoreUnavailableException when the store does not
   *     answer
   */
  void publish(RSAKey key, Instant until) {
    Publication untagged = new Publication(
        key.getKeyID(), key.toPublicJWK().toJSONString(), until.getEpochSecond(), null);
    store.append(KIND, untagged.withTag(keys.replicaTag(untagged.tagged())), CAPACITY);
  }

  /**
   * The public keys published and not yet expired, by key id, read from the store at each call:
   * a replica signs right after it publishes, so a key set served from an older read could lack
   * the key of a token STS is checking. A publication without the replicas' tag, or whose key is
   * not an RSA public key of the id it names, is left out.
   */
  Map<String, RSAKey> current() {
    long now = clock.instant().getEpochSecond();
    Map<String, Publication> latest = new LinkedHashMap<>();
    for (Publication publication : store.<Publication>log(KIND)) {
      if (keys.replicaTagMatches(publication.tag(), publication.tagged())) {
        latest.put(publication.keyId(), publication); // oldest first: the newest stays
      }
    }
    Map<String, RSAKey> found = new LinkedHashMap<>();
    for (Publication publication : latest.values()) {
      RSAKey key = publication.until() > now ? parse(publication) : null;
      if (key != null) {
        found.put(publication.keyId(), key);
      }
    }
    return found;
  }

  private static RSAKey parse(Publication publication) {
    try {
      RSAKey key = RSAKey.parse(publication.publicJwk()).toPublicJWK();
      return publication.keyId().equals(key.getKeyID()) ? key : null;
    } catch (ParseException e) {
      return null;
    }
  }

  private static final Publication UNREADABLE = new Publication("", "", 0, null);

  private static final class PublicationCodec implements RecordCodec<Publication> {
    @Override
    public String encode(Publication publication) {
      return JsonRecords.write(JsonObject.builder()
          .put("kid", publication.keyId())
          .put("jwk", publication.publicJwk())
          .put("until", JsonRecords.number(publication.until()))
          .put("tag", publication.tag())
          .build());
    }

    /**
     * An entry that is not a publication reads as one without a tag, which {@link #current} leaves
     * out: anyone who can write to the store could add one, and it must not hide the others.
     */
    @Override
    public Publication decode(String text) {
      try {
        JsonObject json = JsonRecords.read(text);
        return new Publication(
            JsonRecords.string(json, "kid"),
            JsonRecords.string(json, "jwk"),
            JsonRecords.number(json, "until"),
            JsonRecords.string(json, "tag"));
      } catch (IllegalArgumentException e) {
        return UNREADABLE;
      }
    }
  }
}
