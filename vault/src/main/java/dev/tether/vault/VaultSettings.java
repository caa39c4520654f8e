package dev.tether.vault;

import dev.tether.core.token.IssuerKeys;
import java.net.URI;
import java.time.Duration;

/**
 * How a {@link TetherVault} starts.
 *
 * @param host the address to bind; {@code null} means loopback ({@code 127.0.0.1})
 * @param port the port to bind, {@code 0} for an ephemeral one
 * @param mode {@link Mode#LOCAL} answers STS itself; {@link Mode#AWS} calls a real STS
 * @param stsEndpoint AWS mode only: the STS endpoint to call, {@code null} for the SDK's default
 *     for us-east-1. Must be {@code null} in local mode, where the Vault calls its own {@code
 *     /sts}.
 * @param roleArn the role each session assumes; {@code null} in local mode means {@link
 *     #LOCAL_ROLE_ARN}; required in AWS mode
 * @param agentToken the bearer token agents must present, at least 16 characters; {@code null}
 *     generates a random one (read it from {@link TetherVault#agentToken()})
 * @param sessionDuration the session length when a request asks for none; {@code null} means 900 s;
 *     900 to 3600 s, the STS range
 * @param orchestratorToken the bearer token an orchestrator presents to mint grants, at least 16
 *     characters, never the agent token; {@code null} generates one
 * @param tools the tools grants may name and the widest scope of each; {@code null} for none (no
 *     grant can then be minted)
 * @param attestation the evidence redemption needs; {@code null} for {@link
 *     AttestationPolicy#defaults()} (local attestation, no launcher trusted yet)
 * @param gitHub the GitHub App for installation tokens; {@code null} for none
 * @param store where the Vault keeps its state; {@code null} for {@link StoreLocation#memory()}.
 *     A shared store ({@code redis://}) needs {@code keys} ({@link TetherVault#start} refuses it
 *     without): replicas must MAC tokens alike
 * @param keys the root keys that MAC grants and task tokens, with the issuer name; {@code null}
 *     generates one per process (no token then survives a restart). Every replica sharing a
 *     store must be given the same ({@link VaultKeys#read})
 * @param webIdentity sessions through {@code AssumeRoleWithWebIdentity} with the Vault as an
 *     OpenID Connect issuer; {@code null} for {@code AssumeRole} with the Vault's credentials
 * @param resourceServerToken the bearer token resource servers present to {@code POST
 *     /v1/introspect}, at least 16 characters, distinct from the other two; {@code null}
 *     generates one
 */
public record VaultSettings(
    String host,
    int port,
    Mode mode,
    URI stsEndpoint,
    String roleArn,
    String agentToken,
    Duration sessionDuration,
    String orchestratorToken,
    ToolCatalogue tools,
    AttestationPolicy attestation,
    GitHubApp gitHub,
    StoreLocation store,
    IssuerKeys keys,
    String resourceServerToken,
    WebIdentity webIdentity) {

  public VaultSettings(
      String host,
      int port,
      Mode mode,
      URI stsEndpoint,
      String roleArn,
      String agentToken,
      Duration sessionDuration) {
    this(host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, null, null, null,
        null);
  }

  /** The memory store, keys and resource-server token generated per process. */
  public VaultSettings(
      String host,
      int port,
      Mode mode,
      URI stsEndpoint,
      String roleArn,
      String agentToken,
      Duration sessionDuration,
      String orchestratorToken,
      ToolCatalogue tools,
      AttestationPolicy attestation,
      GitHubApp gitHub) {
    this(host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, gitHub, null, null, null, null);
  }

  /** The role the local STS lets the Vault assume unless settings name another. */
  public static final String LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/tether-tool";

  public static final String LOOPBACK = "127.0.0.1";
  public static final Duration MIN_SESSION = Duration.ofSeconds(900);
  public static final Duration MAX_SESSION = Duration.ofSeconds(3600);
  static final int MIN_AGENT_TOKEN_LENGTH = 16;

  /** Where the Vault's STS sessions come from. */
  public enum Mode {
    /** No AWS account: the Vault answers the STS query API itself on {@code /sts}. */
    LOCAL,
    /** A real STS (or another STS-compatible endpoint) issues the sessions. */
    AWS
  }

  public VaultSettings {
    host = host == null ? LOOPBACK : host.trim();
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must not be blank; use 127.0.0.1 for loopback");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port " + port + " is out of range; use 1 to 65535, or 0 for an ephemeral port");
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode is required: LOCAL or AWS");
    }
    if (mode == Mode.LOCAL && stsEndpoint != null) {
      throw new IllegalArgumentException(
          "stsEndpoint is for AWS mode only; in LOCAL mode the Vault answers STS itself on /sts."
              + " Leave it null, or switch to AWS mode to call another STS");
    }
    if (stsEndpoint != null
        && (stsEndpoint.getScheme() == null
            || stsEndpoint.getHost() == null
            || !(stsEndpoint.getScheme().equals("http")
                || stsEndpoint.getScheme().equals("https")))) {
      throw new IllegalArgumentException(
          "stsEndpoint "
              + stsEndpoint
              + " must be an absolute http(s) URL, e.g. https://sts.amazonaws.com");
    }
    if (roleArn == null && mode == Mode.LOCAL) {
      roleArn = LOCAL_ROLE_ARN;
    }
    if (roleArn == null
        || !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}")) {
      throw new IllegalArgumentException(
          "roleArn "
              + (roleArn == null
                  ? "is required in AWS mode"
                  : "'" + roleArn + "' is not an IAM role ARN")
              + "; give one like arn:aws:iam::123456789012:role/tether-tool");
    }
    if (agentToken != null && agentToken.strip().length() < MIN_AGENT_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "agentToken is too short; use at least "
              + MIN_AGENT_TOKEN_LENGTH
              + " random characters, or null to generate one");
    }
    if (orchestratorToken != null
        && orchestratorToken.strip().length() < MIN_AGENT_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "orchestratorToken is too short; use at least " + MIN_AGENT_TOKEN_LENGTH
              + " random characters, or null to generate one");
    }
    if (orchestratorToken != null
        && agentToken != null
        && orchestratorToken.strip().equals(agentToken.strip())) {
      throw new IllegalArgumentException(
          "orchestratorToken must differ from agentToken: an agent must not be able to mint grants");
    }
    if (resourceServerToken != null
        && resourceServerToken.strip().length() < MIN_AGENT_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "resourceServerToken is too short; use at least " + MIN_AGENT_TOKEN_LENGTH
              + " random characters, or null to generate one");
    }
    if (resourceServerToken != null
        && (resourceServerToken.strip().equals(agentToken == null ? null : agentToken.strip())
            || resourceServerToken.strip().equals(
                orchestratorToken == null ? null : orchestratorToken.strip()))) {
      throw new IllegalArgumentException(
          "resourceServerToken must differ from the agent and orchestrator tokens: whoever holds"
              + " it can spend any single-use API token");
    }
    if (webIdentity != null && mode == Mode.AWS && webIdentity.issuer() == null) {
      throw new IllegalArgumentException(
          "web identity in AWS mode needs the issuer URL registered with IAM (STS fetches its"
              + " documents from there), e.g. https://vault.example.com");
    }
    store = store == null ? StoreLocation.memory() : store;
    tools = tools == null ? ToolCatalogue.empty() : tools;
    attestation = attestation == null ? AttestationPolicy.defaults() : attestation;
    sessionDuration = sessionDuration == null ? MIN_SESSION : sessionDuration;
    if (sessionDuration.compareTo(MIN_SESSION) < 0 || sessionDuration.compareTo(MAX_SESSION) > 0) {
      throw new IllegalArgumentException(
          "sessionDuration "
              + sessionDuration.toSeconds()
              + " s is outside the STS range; use 900 to 3600 seconds");
    }
  }

  /** Local mode on an ephemeral loopback port, a generated agent token, 900 s sessions. */
  public static VaultSettings localDefaults() {
    return new VaultSettings(LOOPBACK, 0, Mode.LOCAL, null, null, null, null);
  }

  /** These settings with another agent token ({@code null} generates one). */
  public VaultSettings withAgentToken(String token) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, token, sessionDuration, orchestratorToken, tools,
        attestation, gitHub, store, keys, resourceServerToken, webIdentity);
  }

  /** These settings with another orchestrator token ({@code null} generates one). */
  public VaultSettings withOrchestratorToken(String token) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, token, tools,
        attestation, gitHub, store, keys, resourceServerToken, webIdentity);
  }

  /** These settings with another tool catalogue. */
  public VaultSettings withTools(ToolCatalogue catalogue) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        catalogue, attestation, gitHub, store, keys, resourceServerToken, webIdentity);
  }

  /** These settings with another port ({@code 0} for an ephemeral one). */
  public VaultSettings withPort(int newPort) {
    return new VaultSettings(
        host, newPort, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, gitHub, store, keys, resourceServerToken, webIdentity);
  }

  /** These settings with another attestation policy. */
  public VaultSettings withAttestation(AttestationPolicy policy) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, policy, gitHub, store, keys, resourceServerToken, webIdentity);
  }

  /** These settings with a GitHub App ({@code null} for none). */
  public VaultSettings withGitHub(GitHubApp app) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, app, store, keys, resourceServerToken, webIdentity);
  }

  /**
   * These settings with another store: {@link StoreLocation#memory()}, or a Redis several
   * replicas share (then give {@link #withKeys} too).
   */
  public VaultSettings withStore(StoreLocation location) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, gitHub, location, keys, resourceServerToken, webIdentity);
  }

  /** These settings with these root keys ({@code null} generates one per process). */
  public VaultSettings withKeys(IssuerKeys issuerKeys) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, gitHub, store, issuerKeys, resourceServerToken, webIdentity);
  }

  /** These settings with another resource-server token ({@code null} generates one). */
  public VaultSettings withResourceServerToken(String token) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, gitHub, store, keys, token, webIdentity);
  }

  /**
   * These settings with sessions made through {@code AssumeRoleWithWebIdentity}, the Vault an
   * OpenID Connect issuer ({@code null}: {@code AssumeRole} with the Vault's credentials).
   */
  public VaultSettings withWebIdentity(WebIdentity identity) {
    return new VaultSettings(
        host, port, mode, stsEndpoint, roleArn, agentToken, sessionDuration, orchestratorToken,
        tools, attestation, gitHub, store, keys, resourceServerToken, identity);
  }

  @Override
  public String toString() {
    return "VaultSettings[host="
        + host
        + ", port="
        + port
        + ", mode="
        + mode
        + ", stsEndpoint="
        + stsEndpoint
        + ", roleArn="
        + roleArn
        + ", agentToken="
        + (agentToken == null ? "<generated>" : "<redacted>")
        + ", sessionDuration="
        + sessionDuration
        + ", orchestratorToken="
        + (orchestratorToken == null ? "<generated>" : "<redacted>")
        + ", tools="
        + tools.tools().keySet()
        + ", attestation="
        + attestation
        + ", gitHub="
        + gitHub
        + ", store="
        + store
        + ", keys="
        + (keys == null ? "<generated>" : keys)
        + ", resourceServerToken="
        + (resourceServerToken == null ? "<generated>" : "<redacted>")
        + ", webIdentity="
        + webIdentity
        + "]";
  }
}
