package dev.tether.agent.internal.config;

import java.time.Duration;
import java.util.List;

/**
 * How the workload proves where it runs: the evidence provider, how often the agent re-attests, and
 * the settings of the chosen provider. Only the chosen provider's settings are used; the others
 * keep their defaults (the file may not set them).
 *
 * @param provider {@code local}, {@code nitro}, {@code ec2-iid}, {@code agentcore} or {@code
 *     network}
 * @param refresh how often the agent re-attests its binding
 */
public record AttestationConfig(
    String provider,
    Duration refresh,
    Local local,
    Nitro nitro,
    Ec2Iid ec2Iid,
    AgentCore agentCore) {

  public static final String LOCAL = "local";
  public static final String NITRO = "nitro";
  public static final String EC2_IID = "ec2-iid";
  public static final String AGENTCORE = "agentcore";
  public static final String NETWORK = "network";
  public static final List<String> PROVIDERS = List.of(LOCAL, NITRO, EC2_IID, AGENTCORE, NETWORK);

  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
  public static final Duration MIN_REFRESH = Duration.ofSeconds(10);
  public static final Duration MAX_REFRESH = Duration.ofMinutes(60);

  public AttestationConfig {
    provider = provider == null ? LOCAL : provider;
    if (!PROVIDERS.contains(provider)) {
      throw new IllegalArgumentException(
          "unknown attestation provider '" + provider + "'; expected one of " + PROVIDERS);
    }
    refresh = refresh == null ? DEFAULT_REFRESH : refresh;
    if (refresh.compareTo(MIN_REFRESH) < 0 || refresh.compareTo(MAX_REFRESH) > 0) {
      throw new IllegalArgumentException(
          "attestation refresh " + refresh + " is outside " + MIN_REFRESH + ".." + MAX_REFRESH);
    }
    local = local == null ? Local.defaults() : local;
    nitro = nitro == null ? Nitro.defaults() : nitro;
    ec2Iid = ec2Iid == null ? Ec2Iid.defaults() : ec2Iid;
    agentCore = agentCore == null ? AgentCore.defaults() : agentCore;
    if (provider.equals(NITRO) && nitro.command().isEmpty()) {
      throw new IllegalArgumentException("the nitro provider needs a command");
    }
  }

  /** Local attestation, every setting at its default. */
  public static AttestationConfig defaults() {
    return new AttestationConfig(null, null, null, null, null, null);
  }

  /** Just {@code provider}, with the default settings (nitro has none: it needs a command). */
  public static AttestationConfig of(String provider) {
    return new AttestationConfig(provider, null, null, null, null, null);
  }

  /**
   * The launcher's local attestor.
   *
   * @param attestor its base URL; null: {@code TETHER_LOCAL_ATTESTOR} or {@code
   *     -Dtether.local.attestor} at run time (the launcher sets the variable)
   */
  public record Local(String attestor) {

    public static final String URL_ENV = "TETHER_LOCAL_ATTESTOR";
    public static final String URL_PROPERTY = "tether.local.attestor";

    static Local defaults() {
      return new Local(null);
    }
  }

  /**
   * A command that asks the Nitro Secure Module for an attestation document.
   *
   * @param command the argv, run without a shell; {@value #NONCE} and {@value #USER_DATA} inside an
   *     argument are replaced by the hex of the Vault nonce and of the workload key's thumbprint
   */
  public record Nitro(List<String> command) {

    public static final String NONCE = "${nonce}";
    public static final String USER_DATA = "${user_data}";
    public static final List<String> PLACEHOLDER_NAMES = List.of("nonce", "user_data");

    public Nitro {
      command = command == null ? List.of() : List.copyOf(command);
    }

    static Nitro defaults() {
      return new Nitro(List.of());
    }
  }

  /**
   * The EC2 instance identity document, from IMDSv2.
   *
   * @param imds the instance metadata service's base URL
   * @param signature {@code rsa2048} or {@code pkcs7}: which signed form to fetch
   */
  public record Ec2Iid(String imds, String signature) {

    public static final String DEFAULT_IMDS = "http://169.254.169.254";
    public static final String RSA2048 = "rsa2048";
    public static final String PKCS7 = "pkcs7";
    public static final List<String> SIGNATURES = List.of(RSA2048, PKCS7);

    public Ec2Iid {
      imds = imds == null ? DEFAULT_IMDS : imds;
      signature = signature == null ? RSA2048 : signature;
      if (!SIGNATURES.contains(signature)) {
        throw new IllegalArgumentException(
            "unknown ec2-iid signature '" + signature + "'; expected one of " + SIGNATURES);
      }
    }

    static Ec2Iid defaults() {
      return new Ec2Iid(null, null);
    }
  }

  /**
   * The AgentCore workload access token. Only names where it is: the token itself never belongs in
   * the configuration.
   *
   * @param tokenEnv the environment variable holding it
   * @param tokenFile a file holding it, or null; wins over {@code tokenEnv} when set
   */
  public record AgentCore(String tokenEnv, String tokenFile) {

    public static final String DEFAULT_TOKEN_ENV = "AGENTCORE_WORKLOAD_ACCESS_TOKEN";

    public AgentCore {
      tokenEnv = tokenEnv == null ? DEFAULT_TOKEN_ENV : tokenEnv;
    }

    static AgentCore defaults() {
      return new AgentCore(null, null);
    }
  }
}
