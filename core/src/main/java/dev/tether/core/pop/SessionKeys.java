package dev.tether.core.pop;

/**
 * The Vault's side of {@link SessionProofKey}s: the key it derives for a root key id and the
 * thumbprint of a workload key. Implemented by the Vault's token keys ({@code
 * IssuerKeys#sessionProofKey}); every replica that shares the root keys derives the same key, so
 * nothing about a session is stored.
 */
@FunctionalInterface
public interface SessionKeys {

  /**
   * @return the {@value SessionProofKey#BYTES}-byte key, or {@code null} if {@code keyId} names no
   *     root key known here
   */
  byte[] key(String keyId, String thumbprint);
}
