package dev.tether.vault.internal.apitoken;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.ApiToken;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens for external APIs, minted for one tool call and never accepted after its token expires:
 * single-use ones are accepted once, at the resource server's first introspection; time-boxed
 * ones until they expire. Only their SHA-256
 * is kept, so the store holds nothing a reader could present.
 */
public final class SingleUseTokens {

  static final int CAPACITY = 200_000;
  static final String PREFIX = "tsu_";

  /** Why an introspection found a token inactive; {@code null} when it was active. */
  public static final String USED = "token_used";
  public static final String UNKNOWN = "token_unknown";
  public static final String EXPIRED = "token_expired";

  /** What a token was minted for; a time-boxed one stays active until it expires. */
  public record Issued(
      String audience, String taskId, String userId, String tool, String callId, long expiresAt,
      boolean timeBoxed) {}

  /** An introspection's outcome: the token's record when active, else why not. */
  public record Introspection(Issued issued, String inactiveReason) {
    public boolean active() {
      return issued != null;
    }
  }

  private final Map<String, Issued> live = new ConcurrentHashMap<>();
  /** Hashes of spent tokens, until an hour after they expire: a second presentation says so. */
  private final Map<String, Long> spent = new ConcurrentHashMap<>();

  /**
   * A token for the tool call {@code chain} ends in, for {@code audience}: single-use, or
   * time-boxed (accepted until the tool call's token expires).
   */
  public ApiToken mint(VerifiedChain chain, String audience, boolean timeBoxed, Instant now)
      throws ExchangeRefused {
    if (live.size() >= CAPACITY || spent.size() >= CAPACITY) {
      sweep(now.getEpochSecond());
      if (live.size() >= CAPACITY) {
        throw new ExchangeRefused(503, "token_capacity",
            "the Vault holds " + CAPACITY + " unused API tokens; retry in a minute");
      }
    }
    TokenLayer call = chain.last();
    EffectiveScope scope = chain.scope();
    String token = PREFIX + RandomTokens.bearerToken();
    live.put(hash(token), new Issued(audience, scope.taskId(), scope.userId(), call.toolName(),
        call.id(), call.expiresAt(), timeBoxed));
    return new ApiToken(token, audience, Instant.ofEpochSecond(call.expiresAt()));
  }

  /**
   * Answers a resource server. A single-use token that was active is spent by the answer; a
   * time-boxed one stays active until it expires.
   */
  public Introspection introspect(String token, Instant now) {
    long nowSeconds = now.getEpochSecond();
    String hash = hash(token);
    Issued issued = live.get(hash);
    if (issued != null && issued.timeBoxed()) {
      if (nowSeconds <= issued.expiresAt()) {
        return new Introspection(issued, null);
      }
      live.remove(hash, issued);
      return new Introspection(null, EXPIRED);
    }
    // Marked spent before it leaves the live set: a presentation racing the one that spends it
    // then reads "used", never "unknown" (found by ApiTokenTest's 1,000 concurrent presentations).
    if (issued != null) {
      spent.put(hash, Math.max(issued.expiresAt(), nowSeconds) + 3600);
    }
    if (issued == null || !live.remove(hash, issued)) {
      return new Introspection(null, spent.containsKey(hash) ? USED : UNKNOWN);
    }
    if (nowSeconds > issued.expiresAt()) {
      return new Introspection(null, EXPIRED);
    }
    return new Introspection(issued, null);
  }

  private void sweep(long nowSeconds) {
    live.values().removeIf(issued -> issued.expiresAt() < nowSeconds);
    spent.values().removeIf(until -> until < nowSeconds);
  }

  private static String hash(String token) {
    return PopProofs.tokenHash(token); // base64url(SHA-256), as proofs hash the token they carry
  }
}
