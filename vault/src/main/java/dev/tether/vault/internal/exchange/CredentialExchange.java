package dev.tether.vault.internal.exchange;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.VerifiedChain;
import dev.tether.vault.internal.grant.TokenRefusals;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.VaultError;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.core.wire.Binding;
import dev.tether.vault.AttestationPolicy;
import dev.tether.vault.internal.attest.Attestations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.tether.vault.internal.exchange.sts.SessionCredentials;
import dev.tether.vault.internal.exchange.sts.StsRefusedException;
import dev.tether.vault.internal.exchange.sts.StsUnavailableException;

/**
 * Exchanges a tool-call token for an STS session whose session policy is the tool's scope in that
 * token. It verifies the whole chain (grant to tool call) before calling STS, and records an
 * {@link Issuance} only when STS has issued the session.
 */
public final class CredentialExchange {

  static final int MIN_DURATION = 900;
  static final int MAX_DURATION = 3600;

  private static final int MAX_STS_MESSAGE = 512;

  private final ToolCallCheck toolCalls;
  private final Attestations attestations;
  private final StsGateway sts;
  private final IssuanceLog log;
  private final int defaultDurationSeconds;
  private final Clock clock;

  /** @param toolCalls checks each token first (chain, proof, revocation, binding) */
  public CredentialExchange(
      ToolCallCheck toolCalls,
      Attestations attestations,
      StsGateway sts,
      IssuanceLog log,
      Duration defaultDuration,
      Clock clock) {
    this.toolCalls = toolCalls;
    this.attestations = attestations;
    this.sts = sts;
    this.log = log;
    this.defaultDurationSeconds = (int) defaultDuration.toSeconds();
    this.clock = clock;
  }

  public AwsCredentialsResponse exchange(AwsCredentialsRequest request, RequestTarget target)
      throws ExchangeRefused {
    ToolCallCheck.Checked checked = toolCalls.check(request.token(), target, "AWS credentials");
    VerifiedChain chain = checked.chain();
    TokenLayer call = chain.last();
    Binding binding = checked.binding();
    EffectiveScope scope = chain.scope();
    String tool = call.toolName();
    Map<String, List<String>> pins = attestations.policy().networkPins();
    // A network-only binding proves nothing about the workload: its sessions get the shortest
    // lifetime STS allows.
    int duration = AttestationPolicy.NETWORK.equals(binding.kind())
        ? MIN_DURATION
        : duration(request.durationSeconds());
    String policy = policy(scope, tool, pins);
    String repos = String.join(",", scope.repos());
    String turnId = null;
    for (TokenLayer layer : chain.token().layers()) {
      if (layer.kind() == LayerKind.TURN) {
        turnId = layer.id();
      }
    }

    String sessionName = StsNames.roleSessionName(tool, call.id());
    String sourceIdentity = StsNames.sourceIdentity(scope.userId());
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("task_id", StsNames.tagValue(scope.taskId()));
    tags.put("user_id", StsNames.tagValue(scope.userId()));
    tags.put("repo", StsNames.tagValue(repos.isEmpty() ? "-" : repos));
    tags.put("tool", StsNames.tagValue(tool));

    SessionCredentials credentials = issueSession(sessionName, tool, policy, tags, sourceIdentity, duration);
    String issuanceId = RandomTokens.id("iss-");
    log.add(
        new Issuance(
            issuanceId,
            credentials.accessKeyId(),
            scope.taskId(),
            scope.userId(),
            repos,
            tool,
            call.id(),
            turnId,
            policy,
            tags,
            sourceIdentity,
            sessionName,
            clock.instant(),
            credentials.expiration(),
            chain.layerIds(),
            chain.delegation(),
            links(chain)));
    return new AwsCredentialsResponse(
        credentials.accessKeyId(),
        credentials.secretAccessKey(),
        credentials.sessionToken(),
        credentials.expiration(),
        issuanceId);
  }

  // What each layer allowed, with inheritance applied, for the audit record.
  private static List<ChainLink> links(VerifiedChain chain) {
    List<ChainLink> links = new ArrayList<>();
    List<EffectiveScope> scopes = chain.layerScopes();
    for (int i = 0; i < scopes.size(); i++) {
      TokenLayer layer = chain.token().layers().get(i);
      EffectiveScope scope = scopes.get(i);
      links.add(
          new ChainLink(
              layer.kind().wireName(),
              layer.id(),
              layer.actor(),
              new ArrayList<>(scope.tools().keySet()),
              scope.repos(),
              layer.issuedAt(),
              layer.expiresAt()));
    }
    return links;
  }

  private int duration(int requested) throws ExchangeRefused {
    if (requested == 0) {
      return defaultDurationSeconds;
    }
    if (requested < MIN_DURATION || requested > MAX_DURATION) {
      throw ExchangeRefused.invalid(
          "duration_seconds "
              + requested
              + " is outside the STS range; ask for 900 to 3600 seconds, or 0 for the Vault's"
              + " default ("
              + defaultDurationSeconds
              + ")");
    }
    return requested;
  }

  // The session policy is the tool's scope in the verified chain; none becomes an explicit deny.
  private static String policy(EffectiveScope scope, String tool, Map<String, List<String>> pins)
      throws ExchangeRefused {
    try {
      return SessionPolicy.toJson(scope.resolvedAws(tool), pins);
    } catch (IllegalArgumentException e) {
      throw ExchangeRefused.invalid(e.getMessage());
    }
  }

  private SessionCredentials issueSession(
      String sessionName,
      String tool,
      String policy,
      Map<String, String> tags,
      String sourceIdentity,
      int duration)
      throws ExchangeRefused {
    try {
      return sts.issueSession(sessionName, tool, policy, tags, sourceIdentity, duration);
    } catch (StsRefusedException e) {
      throw new ExchangeRefused(
          502,
          VaultError.STS_FAILED,
          "STS refused "
              + sts.operation()
              + " of "
              + sts.roleArn()
              + " (HTTP "
              + e.status()
              + "): "
              + e.code()
              + ": "
              + clip(e.stsMessage())
              + "; check the Vault's base credentials (AssumeRole) or the role's OIDC provider (web"
              + " identity), the role's trust policy and the request");
    } catch (StsUnavailableException e) {
      throw new ExchangeRefused(502, VaultError.STS_FAILED, unavailable(e));
    }
  }

  private String unavailable(StsUnavailableException e) {
    switch (e.reason()) {
      case NO_BASE_CREDENTIALS:
        return "could not obtain the Vault's base AWS credentials to sign "
            + sts.operation()
            + ": "
            + clip(e.getMessage())
            + "; give the Vault AWS credentials (environment, profile, or an instance or"
            + " container role)";
      case MALFORMED_ANSWER:
        return "STS at "
            + sts.endpointDescription()
            + " gave no usable answer: "
            + clip(e.getMessage())
            + "; check that the endpoint is an STS endpoint";
      default:
        return "could not reach STS at "
            + sts.endpointDescription()
            + ": "
            + clip(e.getMessage())
            + "; check that the endpoint is up and reachable from the Vault";
    }
  }

  private static String clip(String text) {
    if (text == null) {
      return "(no message)";
    }
    return text.length() > MAX_STS_MESSAGE ? text.substring(0, MAX_STS_MESSAGE) + "..." : text;
  }
}
