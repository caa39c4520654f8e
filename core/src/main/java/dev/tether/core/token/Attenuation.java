package dev.tether.core.token;

/**
 * The agent's side: derives a narrower layer from a token it holds, offline. The child's tag is
 * the MAC of the child's JSON under the parent's tag, so no network call and no key of the Vault's
 * is needed, and the Vault can still recompute the whole chain.
 */
public final class Attenuation {

  private Attenuation() {}

  /**
   * @throws ChainRefusal {@code REORDERED}, {@code BROKEN}, {@code TOO_DEEP} or {@code WIDENED}: the
   *     agent refuses to make a token the Vault would refuse
   */
  public static LayeredToken derive(LayeredToken parent, TokenLayer child) throws ChainRefusal {
    TokenLayer last = parent.last();
    if (!child.kind().mayFollow(last.kind())) {
      throw new ChainRefusal(
          ChainRefusal.Reason.REORDERED,
          "a " + child.kind().wireName() + " layer cannot follow a " + last.kind().wireName()
              + " layer; the order is grant, task, turn (optional), tool");
    }
    if (parent.layers().size() >= LayeredToken.MAX_LAYERS) {
      throw new ChainRefusal(
          ChainRefusal.Reason.TOO_DEEP,
          "the chain already has " + LayeredToken.MAX_LAYERS + " layers");
    }
    if (!last.id().equals(child.parentId())) {
      throw new ChainRefusal(
          ChainRefusal.Reason.BROKEN,
          "the " + child.kind().wireName() + " layer names parent " + child.parentId()
              + ", but the token's last layer is " + last.id());
    }
    EffectiveScope parentScope = parent.effectiveScope();
    String widening = Narrowing.firstWidening(parentScope, child);
    if (widening != null) {
      throw new ChainRefusal(ChainRefusal.Reason.WIDENED, widening);
    }
    byte[] json = LayerCodec.write(child);
    return parent.append(
        child, json, TokenMac.mac(parent.tagUnsafe(), json), parentScope.then(child));
  }
}
