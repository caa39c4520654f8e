package dev.tether.vault;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit record of one credential exchange: which tool call got which STS session, under which
 * session policy and tags. It holds identifiers only, never a secret.
 *
 * @param issuanceId the Vault's id for the exchange, also returned to the agent
 * @param accessKeyId the STS session's access key id (an identifier, not a secret)
 * @param turnId the agent turn, or {@code null} outside a turn
 * @param policyJson the session policy sent to STS
 * @param repo the tool call's repositories, comma-separated
 * @param sessionTags the session tags sent to STS ({@code task_id}, {@code user_id}, {@code repo},
 *     {@code tool})
 * @param chain the ids of the token's layers, grant first, tool call last
 * @param delegation who delegated to whom: user, orchestrator, agent, turn, tool
 * @param layers each layer of the token with what it allowed, grant first
 */
public record Issuance(
    String issuanceId,
    String accessKeyId,
    String taskId,
    String userId,
    String repo,
    String tool,
    String callId,
    String turnId,
    String policyJson,
    Map<String, String> sessionTags,
    String sourceIdentity,
    String roleSessionName,
    Instant issuedAt,
    Instant expiration,
    List<String> chain,
    List<String> delegation,
    List<ChainLink> layers) {

  public Issuance {
    sessionTags = Map.copyOf(sessionTags);
    chain = List.copyOf(chain);
    delegation = List.copyOf(delegation);
    layers = List.copyOf(layers);
  }
}
