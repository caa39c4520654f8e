package dev.tether.core.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A chain the Vault has verified: its scope, and who delegated to whom. */
public final class VerifiedChain {

  private final LayeredToken token;

  VerifiedChain(LayeredToken token) {
    this.token = token;
  }

  public LayeredToken token() {
    return token;
  }

  public TokenLayer last() {
    return token.last();
  }

  public EffectiveScope scope() {
    return token.effectiveScope();
  }

  /**
   * The thumbprint of the workload key the chain is bound to (the task layer's {@code cnf}), or
   * {@code null} for a chain without one (a grant, or a task redeemed without a key).
   */
  public String confirmation() {
    return token.layers().size() > 1 ? token.layers().get(1).confirmation() : null;
  }

  /**
   * The id of the attestation binding the chain's key is bound to (the task layer's {@code att}),
   * or {@code null} for a chain without one.
   */
  public String attestation() {
    return token.layers().size() > 1 ? token.layers().get(1).attestation() : null;
  }

  /** The user, then each layer's actor: user → orchestrator → agent → turn → tool. */
  public List<String> delegation() {
    List<String> actors = new ArrayList<>();
    actors.add("user:" + token.grant().userId());
    for (TokenLayer layer : token.layers()) {
      actors.add(layer.actor());
    }
    return Collections.unmodifiableList(actors);
  }

  /** What each layer allows with inheritance applied, grant first: each no wider than the last. */
  public List<EffectiveScope> layerScopes() {
    return Collections.unmodifiableList(token.layerScopes());
  }

  /** Layer ids from the grant to the last, for records and spans. */
  public List<String> layerIds() {
    List<String> ids = new ArrayList<>();
    for (TokenLayer layer : token.layers()) {
      ids.add(layer.id());
    }
    return Collections.unmodifiableList(ids);
  }
}
