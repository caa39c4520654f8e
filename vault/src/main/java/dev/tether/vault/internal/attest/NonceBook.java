package dev.tether.vault.internal.attest;

import dev.tether.core.json.JsonObject;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.state.JsonRecords;
import dev.tether.vault.internal.state.MemoryStore;
import dev.tether.vault.internal.state.RecordCodec;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.StoreFullException;
import dev.tether.vault.internal.state.Taken;
import dev.tether.vault.internal.state.VaultStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Attestation nonces: 32 random bytes each, issued to one workload key, valid for seconds, and
 * used at most once, at whichever replica. A nonce presented with another key's proof is refused
 * and stays usable by its owner, so a copy cannot be spent by whoever took it.
 *
 * <p>A nonce is kept for twice its life (so that a late one reads as expired, not unknown), and
 * its tombstone as long after it is used.
 */
public final class NonceBook {

  /** Outstanding nonces beyond which the embedded store refuses more until some expire. */
  static final int CAPACITY = 100_000;

  public static final String UNKNOWN = "nonce_unknown";
  public static final String EXPIRED = "nonce_expired";
  public static final String USED = "nonce_used";
  public static final String FOREIGN_KEY = "nonce_foreign_key";

  /** A nonce's record: the key it was issued to and when it expires (epoch seconds). */
  record Issued(String keyThumbprint, long expiresAt) {}

  static final RecordKind<Issued> KIND =
      RecordKind.owned("nonce", new IssuedCodec(), "key", Issued::keyThumbprint, CAPACITY);

  private final VaultStore store;
  private final Duration ttl;

  /** Nonces in this process only. */
  public NonceBook(Duration ttl) {
    this(ttl, new MemoryStore(Clock.systemUTC()));
  }

  public NonceBook(Duration ttl, VaultStore store) {
    this.ttl = ttl;
    this.store = store;
  }

  /** A fresh nonce for {@code keyThumbprint}, base64url. */
  public String issue(String keyThumbprint, Instant now) throws ExchangeRefused {
    String nonce = RandomTokens.bearerToken(); // 32 random bytes, base64url
    try {
      record(nonce, keyThumbprint, now);
    } catch (StoreFullException e) {
      throw new ExchangeRefused(503, "nonce_capacity",
          "the Vault has " + e.capacity() + " nonces outstanding; retry in " + ttl.toSeconds()
              + " s");
    }
    return nonce;
  }

  /**
   * Records a nonce chosen elsewhere: tests use it to replay real attestation documents, whose
   * nonces no Vault of ours issued.
   */
  void issueChosen(String nonce, String keyThumbprint, Instant now) {
    record(nonce, keyThumbprint, now);
  }

  private void record(String nonce, String keyThumbprint, Instant now) {
    store.put(KIND, nonce, new Issued(keyThumbprint, now.getEpochSecond() + ttl.toSeconds()),
        ttl.multipliedBy(2));
  }

  /** When a nonce issued at {@code now} expires. */
  public Instant expiry(Instant now) {
    return Instant.ofEpochSecond(now.getEpochSecond() + ttl.toSeconds());
  }

  /**
   * Spends {@code nonce} for {@code keyThumbprint}.
   *
   * @throws ExchangeRefused 403 with the reason: unknown, expired, used, or issued to another key
   */
  public void consume(String nonce, String keyThumbprint, Instant now) throws ExchangeRefused {
    Taken<Issued> taken = store.take(KIND, nonce, keyThumbprint, ttl.multipliedBy(2));
    switch (taken.outcome()) {
      case UNKNOWN:
        throw new ExchangeRefused(403, UNKNOWN,
            "this attestation nonce was not issued by this Vault (or was forgotten after it"
                + " expired); ask for one at POST /v1/attestations/nonces");
      case SPENT:
        throw new ExchangeRefused(403, USED,
            "this attestation nonce was used before; ask the Vault for a new one for each"
                + " attestation");
      case FOREIGN:
        throw new ExchangeRefused(403, FOREIGN_KEY,
            "this attestation nonce was issued to another workload key; a nonce is good only"
                + " with a proof signed by the key that asked for it");
      default:
        break;
    }
    long nowSeconds = now.getEpochSecond();
    long expiresAt = taken.value().expiresAt();
    if (nowSeconds > expiresAt) {
      throw new ExchangeRefused(403, EXPIRED,
          "this attestation nonce expired " + (nowSeconds - expiresAt)
              + " s ago (nonces live " + ttl.toSeconds() + " s); produce the evidence right after"
              + " asking for the nonce, and check the clocks");
    }
  }

  /** {@code {"key": thumbprint, "exp": epoch seconds}}; the key is the owner a take checks. */
  private static final class IssuedCodec implements RecordCodec<Issued> {
    @Override
    public String encode(Issued issued) {
      return JsonRecords.write(JsonObject.builder()
          .put("key", issued.keyThumbprint())
          .put("exp", JsonRecords.number(issued.expiresAt()))
          .build());
    }

    @Override
    public Issued decode(String text) {
      JsonObject json = JsonRecords.read(text);
      return new Issued(JsonRecords.string(json, "key"), JsonRecords.number(json, "exp"));
    }
  }
}
