package dev.tether.vault.internal.state;

import dev.tether.core.replay.ReplayGuard;

/**
 * Ids used once across every replica (proofs of possession seen, grants redeemed): a claim in
 * the store, kept until the id could no longer pass anyway.
 */
public final class StoreReplayGuard implements ReplayGuard {

  private final VaultStore store;
  private final String kind;

  /** @param kind the claims' namespace, e.g. {@code pop} */
  public StoreReplayGuard(VaultStore store, String kind) {
    this.store = store;
    this.kind = kind;
  }

  @Override
  public boolean firstUse(String id, long expiresAtEpochSecond, long nowEpochSecond) {
    return store.claimOnce(kind, id, Stores.until(expiresAtEpochSecond, nowEpochSecond));
  }
}
