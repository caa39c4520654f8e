package dev.tether.vault.internal.apitoken;

import dev.tether.core.json.JsonObject;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.ApiToken;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.state.JsonRecords;
import dev.tether.vault.internal.state.MemoryStore;
import dev.tether.vault.internal.state.RecordCodec;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.StoreFullException;
import dev.tether.vault.internal.state.Stores;
import dev.tether.vault.internal.state.Taken;
import dev.tether.vault.internal.state.VaultStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Tokens for external APIs, minted for one tool call and never accepted after its token expires:
 * single-use ones are accepted once, at the resource server's first introspection at any replica;
 * time-boxed ones until they expire. Only their SHA-256 is kept, so the store holds nothing a
 * reader could present.
 *
 * <p>A record is kept for five minutes past the token's expiry (so that a late presentation reads
 * as expired), and a spent token's tombstone for ten minutes (so that a second presentation reads
 * as used).
 */
public final class SingleUseTokens {

  /** How many unspent tokens the store keeps, of each kind (single-use, time-boxed). */
  public static final int CAPACITY = 200_000;
  static final String PREFIX = "tsu_";
  /**
   * How long a token is remembered after its tool call's token expires, so that a resource server
   * presenting it late learns it expired (or was used) rather than that it is unknown: inactive
   * either way. Five minutes: every unspent token holds one of the memory store's {@link
   * #CAPACITY} places until then (an hour allowed only 55 tokens a second that no resource server
   * presents).
   */
  private static final long KEPT_AFTER_EXPIRY = 300;

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

  // Two namespaces: a single-use token is then taken in one step, without reading it first.
  static final RecordKind<Issued> SINGLE_USE =
      RecordKind.of("api-token", new IssuedCodec(), CAPACITY);
  static final RecordKind<Issued> TIME_BOXED =
      RecordKind.of("api-token-timed", new IssuedCodec(), CAPACITY);

  private final VaultStore store;

  /** Tokens in this process only. */
  public SingleUseTokens() {
    this(new MemoryStore(Clock.systemUTC()));
  }

  public SingleUseTokens(VaultStore store) {
    this.store = store;
  }

  /**
   * A token for the tool call {@code chain} ends in, for {@code audience}: single-use, or
   * time-boxed (accepted until the tool call's token expires).
   */
  public ApiToken mint(VerifiedChain chain, String audience, boolean timeBoxed, Instant now)
      throws ExchangeRefused {
    TokenLayer call = chain.last();
    EffectiveScope scope = chain.scope();
    String token = PREFIX + RandomTokens.bearerToken();
    Issued issued = new Issued(audience, scope.taskId(), scope.userId(), call.toolName(),
        call.id(), call.expiresAt(), timeBoxed);
    try {
      store.put(timeBoxed ? TIME_BOXED : SINGLE_USE, hash(token), issued,
          Stores.until(call.expiresAt() + KEPT_AFTER_EXPIRY, now.getEpochSecond()));
    } catch (StoreFullException e) {
      throw new ExchangeRefused(503, "token_capacity",
          "the Vault holds " + e.capacity() + " unused API tokens; retry in a minute");
    }
    return new ApiToken(token, audience, Instant.ofEpochSecond(call.expiresAt()));
  }

  /**
   * Answers a resource server. A single-use token that was active is spent by the answer; a
   * time-boxed one stays active until it expires.
   */
  public Introspection introspect(String token, Instant now) {
    long nowSeconds = now.getEpochSecond();
    String hash = hash(token);
    // A spent token's tombstone outlives the record it replaces (tool calls live seconds): a
    // second presentation reads as used; once it is gone, as unknown: inactive either way.
    Taken<Issued> taken = store.take(SINGLE_USE, hash, null,
        Stores.until(nowSeconds + 2 * KEPT_AFTER_EXPIRY, nowSeconds));
    switch (taken.outcome()) {
      case TAKEN:
        return nowSeconds > taken.value().expiresAt()
            ? new Introspection(null, EXPIRED)
            : new Introspection(taken.value(), null);
      case SPENT:
        return new Introspection(null, USED);
      default:
        break;
    }
    Issued timeBoxed = store.get(TIME_BOXED, hash);
    if (timeBoxed == null) {
      return new Introspection(null, UNKNOWN);
    }
    return nowSeconds <= timeBoxed.expiresAt()
        ? new Introspection(timeBoxed, null)
        : new Introspection(null, EXPIRED);
  }

  private static String hash(String token) {
    return PopProofs.tokenHash(token); // base64url(SHA-256), as proofs hash the token they carry
  }

  private static final class IssuedCodec implements RecordCodec<Issued> {
    @Override
    public String encode(Issued issued) {
      return JsonRecords.write(JsonObject.builder()
          .put("aud", issued.audience())
          .put("task", issued.taskId())
          .put("user", issued.userId())
          .put("tool", issued.tool())
          .put("call", issued.callId())
          .put("exp", JsonRecords.number(issued.expiresAt()))
          .put("time_boxed", JsonRecords.bool(issued.timeBoxed()))
          .build());
    }

    @Override
    public Issued decode(String text) {
      JsonObject json = JsonRecords.read(text);
      return new Issued(
          JsonRecords.string(json, "aud"),
          JsonRecords.string(json, "task"),
          JsonRecords.string(json, "user"),
          JsonRecords.string(json, "tool"),
          JsonRecords.string(json, "call"),
          JsonRecords.number(json, "exp"),
          JsonRecords.bool(json, "time_boxed"));
    }
  }
}
