package dev.tether.vault;

import java.util.List;

/**
 * One layer of the token an exchange was made for, as the Vault verified it: for audit, and for
 * showing that each layer is narrower than its parent. Identifiers only, never a tag.
 *
 * @param layer grant, task, turn or tool
 * @param tools the tools this layer allows
 * @param repos the repositories this layer allows
 * @param issuedAt epoch seconds
 * @param expiresAt epoch seconds
 */
public record ChainLink(
    String layer,
    String id,
    String actor,
    List<String> tools,
    List<String> repos,
    long issuedAt,
    long expiresAt) {

  public ChainLink {
    tools = List.copyOf(tools);
    repos = List.copyOf(repos);
  }
}
