package dev.tether.core.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Vault's side: verifies a whole chain at every exchange. Each kind of failure has its own
 * reason, checked in this order: issuer and key, depth, order and parent links, the MAC of the
 * whole chain, narrowing at every layer, then time.
 */
public final class ChainVerifier {

  private final IssuerKeys keys;
  private final long skewSeconds;

  /** @param skew how far the agent's clock may run ahead of the Vault's */
  public ChainVerifier(IssuerKeys keys, Duration skew) {
    this.keys = keys;
    this.skewSeconds = skew.toSeconds();
  }

  /** Parses and verifies; every failure is a {@link ChainRefusal} with its reason. */
  public VerifiedChain verify(String text, Instant now) throws ChainRefusal {
    LayeredToken token;
    try {
      token = LayeredToken.parse(text);
    } catch (TokenFormatException e) {
      throw new ChainRefusal(e.reason(), e.getMessage());
    }
    return verify(token, now);
  }

  public VerifiedChain verify(LayeredToken token, Instant now) throws ChainRefusal {
    List<TokenLayer> layers = token.layers();
    TokenLayer grant = layers.get(0);
    if (grant.kind() != LayerKind.GRANT) {
      throw new ChainRefusal(
          ChainRefusal.Reason.REORDERED,
          "the chain starts with a " + grant.kind().wireName() + " layer; it must start with the"
              + " grant");
    }
    if (!keys.issuer().equals(grant.issuer())) {
      throw new ChainRefusal(
          ChainRefusal.Reason.FOREIGN_ISSUER,
          "the grant was issued by " + grant.issuer() + ", not by this Vault (" + keys.issuer()
              + "); redeem grants at the Vault that minted them");
    }
    if (!keys.knows(grant.keyId())) {
      throw new ChainRefusal(
          ChainRefusal.Reason.UNKNOWN_KEY,
          "the grant names key " + grant.keyId() + ", which this Vault does not hold (it has "
              + keys.describe().keySet() + "); the key was retired or the grant is forged");
    }
    if (layers.size() > LayeredToken.MAX_LAYERS) {
      throw new ChainRefusal(
          ChainRefusal.Reason.TOO_DEEP,
          "the chain has " + layers.size() + " layers; at most " + LayeredToken.MAX_LAYERS
              + " (grant, task, turn, tool)");
    }
    for (int i = 1; i < layers.size(); i++) {
      TokenLayer parent = layers.get(i - 1);
      TokenLayer child = layers.get(i);
      if (!child.kind().mayFollow(parent.kind())) {
        throw new ChainRefusal(
            ChainRefusal.Reason.REORDERED,
            "layer " + (i + 1) + " is a " + child.kind().wireName() + " layer after a "
                + parent.kind().wireName() + " layer; the order is grant, task, turn, tool");
      }
      if (!parent.id().equals(child.parentId())) {
        throw new ChainRefusal(
            ChainRefusal.Reason.BROKEN,
            "layer " + (i + 1) + " (" + child.kind().wireName() + ") names parent "
                + child.parentId() + ", but layer " + i + " is " + parent.id());
      }
    }
    if (!TokenMac.same(expectedTag(token), token.tagUnsafe())) {
      throw new ChainRefusal(
          ChainRefusal.Reason.TAMPERED,
          "the token's tag does not match its layers: a layer was changed, removed or added by"
              + " someone without the parent's tag");
    }
    EffectiveScope scope = EffectiveScope.ofGrant(grant);
    for (int i = 1; i < layers.size(); i++) {
      String widening = Narrowing.firstWidening(scope, layers.get(i));
      if (widening != null) {
        throw new ChainRefusal(ChainRefusal.Reason.WIDENED, widening);
      }
      scope = scope.then(layers.get(i));
    }
    long nowSeconds = now.getEpochSecond();
    for (TokenLayer layer : layers) {
      if (layer.expiresAt() <= nowSeconds) {
        throw new ChainRefusal(
            ChainRefusal.Reason.EXPIRED,
            "the " + layer.kind().wireName() + " layer " + layer.id() + " expired "
                + (nowSeconds - layer.expiresAt()) + " s ago");
      }
      if (layer.issuedAt() > nowSeconds + skewSeconds) {
        throw new ChainRefusal(
            ChainRefusal.Reason.NOT_YET_VALID,
            "the " + layer.kind().wireName() + " layer " + layer.id() + " is issued "
                + (layer.issuedAt() - nowSeconds) + " s in the future (more than the "
                + skewSeconds + " s of clock skew allowed); check the workload's clock");
      }
    }
    return new VerifiedChain(token);
  }

  private byte[] expectedTag(LayeredToken token) {
    String keyId = token.grant().keyId();
    byte[] tag = TokenMac.mac(keys.grantKey(keyId), token.layerJson(0));
    for (int i = 1; i < token.layers().size(); i++) {
      tag =
          i == 1
              ? TokenMac.mac(keys.taskKey(keyId), tag, token.layerJson(1))
              : TokenMac.mac(tag, token.layerJson(i));
    }
    return tag;
  }
}
