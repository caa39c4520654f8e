package dev.tether.vault.internal.attest;

import dev.tether.core.replay.UsedOnce;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attestation nonces: 32 random bytes each, issued to one workload key, valid for seconds, and
 * used at most once. A nonce presented with another key's proof is refused and stays usable by
 * its owner, so a copy cannot be spent by whoever took it.
 */
public final class NonceBook {

  /** Outstanding nonces beyond which issuing fails until some expire: bounds memory. */
  static final int CAPACITY = 100_000;

  public static final String UNKNOWN = "nonce_unknown";
  public static final String EXPIRED = "nonce_expired";
  public static final String USED = "nonce_used";
  public static final String FOREIGN_KEY = "nonce_foreign_key";

  private record Issued(String keyThumbprint, long expiresAt) {}

  private final Map<String, Issued> outstanding = new ConcurrentHashMap<>();
  private final UsedOnce used = new UsedOnce(30);
  private final Duration ttl;

  public NonceBook(Duration ttl) {
    this.ttl = ttl;
  }

  /** A fresh nonce for {@code keyThumbprint}, base64url. */
  public String issue(String keyThumbprint, Instant now) throws ExchangeRefused {
    long nowSeconds = now.getEpochSecond();
    if (outstanding.size() >= CAPACITY) {
      sweep(nowSeconds);
      if (outstanding.size() >= CAPACITY) {
        throw new ExchangeRefused(503, "nonce_capacity",
            "the Vault has " + CAPACITY + " nonces outstanding; retry in " + ttl.toSeconds() + " s");
      }
    }
    String nonce = RandomTokens.bearerToken(); // 32 random bytes, base64url
    outstanding.put(nonce, new Issued(keyThumbprint, nowSeconds + ttl.toSeconds()));
    return nonce;
  }

  /**
   * Records a nonce chosen elsewhere: tests use it to replay real attestation documents, whose
   * nonces no Vault of ours issued.
   */
  void issueChosen(String nonce, String keyThumbprint, Instant now) {
    outstanding.put(nonce, new Issued(keyThumbprint, now.getEpochSecond() + ttl.toSeconds()));
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
    long nowSeconds = now.getEpochSecond();
    Issued issued = outstanding.get(nonce);
    if (issued == null) {
      if (!used.firstUse(nonce, nowSeconds + ttl.toSeconds(), nowSeconds)) {
        throw new ExchangeRefused(403, USED,
            "this attestation nonce was used before; ask the Vault for a new one for each"
                + " attestation");
      }
      throw new ExchangeRefused(403, UNKNOWN,
          "this attestation nonce was not issued by this Vault (or was forgotten after it"
              + " expired); ask for one at POST /v1/attestations/nonces");
    }
    if (!issued.keyThumbprint().equals(keyThumbprint)) {
      throw new ExchangeRefused(403, FOREIGN_KEY,
          "this attestation nonce was issued to another workload key; a nonce is good only with"
              + " a proof signed by the key that asked for it");
    }
    if (!outstanding.remove(nonce, issued)) {
      throw new ExchangeRefused(403, USED, "this attestation nonce was used concurrently; ask"
          + " for a new one");
    }
    used.firstUse(nonce, issued.expiresAt() + ttl.toSeconds(), nowSeconds);
    if (nowSeconds > issued.expiresAt()) {
      throw new ExchangeRefused(403, EXPIRED,
          "this attestation nonce expired " + (nowSeconds - issued.expiresAt())
              + " s ago (nonces live " + ttl.toSeconds() + " s); produce the evidence right after"
              + " asking for the nonce, and check the clocks");
    }
  }

  private void sweep(long nowSeconds) {
    outstanding.values().removeIf(issued -> issued.expiresAt() < nowSeconds);
  }
}
