package dev.tether.vault.internal.grant;

import dev.tether.core.replay.ReplayGuard;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.VaultError;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.internal.attest.Attestations;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.exchange.ProofCheck;
import dev.tether.vault.internal.exchange.RequestTarget;
import dev.tether.vault.internal.revoke.Revocations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first two layers: an orchestrator's grant request becomes a grant (tools and their scopes
 * from the catalogue), and a grant becomes, once, the agent's task token.
 */
public final class GrantService {

  static final Duration DEFAULT_GRANT_LIFETIME = Duration.ofHours(1);
  static final Duration MAX_GRANT_LIFETIME = Duration.ofHours(24);
  public static final Duration MAX_TASK_LIFETIME = Duration.ofHours(12);
  private static final String ORCHESTRATOR = "default";

  private final ToolCatalogue catalogue;
  private final TokenMinter minter;
  private final ChainVerifier verifier;
  /** Redeemed grants, until they expire (the chain check refuses them after). */
  private final ReplayGuard redeemed;
  private final ProofCheck proofs;
  private final Attestations attestations;
  private final Revocations revocations;
  private final SessionKeyIssuer sessionKeys;
  private final Clock clock;

  public GrantService(
      ToolCatalogue catalogue,
      TokenMinter minter,
      ChainVerifier verifier,
      ProofCheck proofs,
      Attestations attestations,
      ReplayGuard redeemed,
      Revocations revocations,
      SessionKeyIssuer sessionKeys,
      Clock clock) {
    this.sessionKeys = sessionKeys;
    this.redeemed = redeemed;
    this.revocations = revocations;
    this.proofs = proofs;
    this.attestations = attestations;
    this.catalogue = catalogue;
    this.minter = minter;
    this.verifier = verifier;
    this.clock = clock;
  }

  public IssuedToken grant(GrantRequest request, RequestTarget target) throws ExchangeRefused {
    if (request.tools().isEmpty()) {
      throw ExchangeRefused.invalid("a grant needs at least one tool; name tools of the Vault's"
          + " catalogue " + catalogue.tools().keySet());
    }
    Map<String, AwsScope> tools = new LinkedHashMap<>();
    for (String tool : request.tools()) {
      AwsScope scope = catalogue.scope(tool);
      if (scope == null) {
        throw ExchangeRefused.invalid("unknown tool '" + clip(tool) + "'; the Vault's catalogue has "
            + catalogue.tools().keySet() + " (add it to the Vault's --tools-file)");
      }
      tools.put(tool, scope);
    }
    Duration lifetime = lifetime(request.lifetimeSeconds());
    revocations.requireGrantable(request); // a revoked task stays revoked
    Instant now = clock.instant();
    LayeredToken grant;
    try {
      grant = minter.mintGrant(
          request.taskId(), request.userId(), ORCHESTRATOR, request.repos(), tools, now, lifetime);
    } catch (IllegalArgumentException e) {
      throw ExchangeRefused.invalid(e.getMessage());
    }
    return issued(grant, null, null);
  }

  /**
   * Redeems a grant once, binding the task token to the key that signed the request's proof of
   * possession: every later exchange must prove possession of that key, by a signature or by a MAC
   * under the session proof key handed over here when the channel is confidential.
   */
  public IssuedToken redeem(RedeemRequest request, RequestTarget target) throws ExchangeRefused {
    Instant now = clock.instant();
    VerifiedChain chain;
    try {
      chain = verifier.verify(request.grant(), now);
    } catch (ChainRefusal refusal) {
      throw TokenRefusals.refused("the grant", refusal);
    }
    if (chain.last().kind() != LayerKind.GRANT) {
      throw new ExchangeRefused(403, ChainRefusal.Reason.WRONG_LAYER.code(),
          "only a grant can be redeemed; this is a " + chain.last().kind().wireName() + " token");
    }
    // The key that signs this request's proof is the one the task token is bound to.
    String key = proofs.check(target, request.grant(), null);
    revocations.check(chain); // before the nonce is spent and the binding made
    // Before the grant is claimed: evidence that fails leaves the grant for a second attempt.
    Binding binding = attestations.bind(request.evidence(), key, now);
    // Made before the grant is claimed: a request the minter refuses (a bad agent label) must
    // not use the grant up. Minting has no effect until the token is handed out.
    LayeredToken task;
    try {
      task = minter.redeem(chain, request.agent(), key, binding.id(), now, MAX_TASK_LIFETIME);
    } catch (IllegalArgumentException e) {
      throw ExchangeRefused.invalid("cannot make a task token: " + e.getMessage());
    }
    if (!redeemed.firstUse(chain.last().id(), chain.last().expiresAt(), now.getEpochSecond())) {
      throw new ExchangeRefused(409, VaultError.GRANT_REDEEMED,
          "grant " + chain.last().id() + " was redeemed before; a grant is single-use, ask the"
              + " orchestrator for a new one");
    }
    return issued(task, binding, sessionKeys.issue(key, target));
  }

  /** @param session the session proof key handed over with a task token, or {@code null} */
  private static IssuedToken issued(
      LayeredToken token, Binding binding, SessionKeyIssuer.Issued session) {
    return new IssuedToken(
        token.encode(), token.last().id(), token.grant().taskId(),
        Instant.ofEpochSecond(token.last().expiresAt()), binding,
        session == null ? null : session.keyId(), session == null ? null : session.key());
  }

  private static Duration lifetime(int seconds) throws ExchangeRefused {
    if (seconds == 0) {
      return DEFAULT_GRANT_LIFETIME;
    }
    if (seconds < 60 || seconds > MAX_GRANT_LIFETIME.toSeconds()) {
      throw ExchangeRefused.invalid("lifetime_seconds " + seconds + " is out of range; ask for 60 to "
          + MAX_GRANT_LIFETIME.toSeconds() + " seconds, or 0 for " + DEFAULT_GRANT_LIFETIME.toSeconds());
    }
    return Duration.ofSeconds(seconds);
  }

  private static String clip(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
