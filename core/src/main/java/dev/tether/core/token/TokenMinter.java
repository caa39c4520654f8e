package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Vault's side of the first two layers: it mints grants and redeems them for task tokens. */
public final class TokenMinter {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final IssuerKeys keys;

  public TokenMinter(IssuerKeys keys) {
    this.keys = keys;
  }

  /**
   * A grant for an orchestrator: {@code orchestrator} delegates for {@code userId}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public LayeredToken mintGrant(
      String taskId,
      String userId,
      String orchestrator,
      List<String> repos,
      Map<String, AwsScope> tools,
      Instant now,
      Duration lifetime) {
    Map<String, ToolRights> rights = new LinkedHashMap<>();
    for (Map.Entry<String, AwsScope> tool : tools.entrySet()) {
      rights.put(tool.getKey(), ToolRights.of(tool.getValue()));
    }
    long issuedAt = now.getEpochSecond();
    TokenLayer grant =
        new TokenLayer(
            LayerKind.GRANT, newId("g-"), null, keys.issuer(), keys.currentKeyId(), taskId, userId,
            "orchestrator:" + orchestrator, issuedAt, issuedAt + lifetime.toSeconds(), repos,
            rights);
    byte[] json = LayerCodec.write(grant);
    return LayeredToken.root(grant, json, TokenMac.mac(keys.grantKey(grant.keyId()), json));
  }

  /**
   * The task token for a grant this Vault verified: every tool and repository of the grant,
   * held by {@code agent}, until the grant's end or {@code lifetime}, whichever comes first. The
   * caller makes sure a grant is redeemed once.
   */
  public LayeredToken redeem(VerifiedChain grant, String agent, Instant now, Duration lifetime) {
    return redeem(grant, agent, null, null, now, lifetime);
  }

  /**
   * The task token, bound to the workload key with thumbprint {@code keyThumbprint} (its {@code
   * cnf}) and to the attestation binding {@code bindingId} (its {@code att}): every later exchange
   * must carry a proof of possession of that key (signed with it, or MACed with its session proof
   * key), while the binding is fresh.
   */
  public LayeredToken redeem(
      VerifiedChain grant,
      String agent,
      String keyThumbprint,
      String bindingId,
      Instant now,
      Duration lifetime) {
    if (grant.last().kind() != LayerKind.GRANT) {
      throw new IllegalArgumentException("only a grant can be redeemed for a task token");
    }
    TokenLayer grantLayer = grant.last();
    Map<String, ToolRights> rights = new LinkedHashMap<>();
    for (String tool : grantLayer.tools().keySet()) {
      rights.put(tool, ToolRights.inherited());
    }
    long issuedAt = Math.max(now.getEpochSecond(), grantLayer.issuedAt());
    long expiresAt = Math.min(grantLayer.expiresAt(), issuedAt + lifetime.toSeconds());
    TokenLayer task =
        new TokenLayer(
            LayerKind.TASK, newId("tk-"), grantLayer.id(), null, null, null, null,
            "agent:" + agent, issuedAt, expiresAt, grantLayer.repos(), rights, keyThumbprint,
            bindingId);
    byte[] json = LayerCodec.write(task);
    LayeredToken token = grant.token();
    byte[] tag = TokenMac.mac(keys.taskKey(grantLayer.keyId()), token.tagUnsafe(), json);
    return token.append(task, json, tag, token.effectiveScope().then(task));
  }

  /** A random layer id: 128 bits, base64url. */
  public static String newId(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
