package dev.tether.core.replay;

/**
 * Remembers ids that may each be used once, until they expire: in this process ({@link UsedOnce})
 * or in a store that several processes share (the Vault's replicas).
 */
public interface ReplayGuard {

  /**
   * Whether this is the id's first use: exactly one caller ever gets {@code true} for an id, as
   * long as it is used before it expires.
   */
  boolean firstUse(String id, long expiresAtEpochSecond, long nowEpochSecond);
}
