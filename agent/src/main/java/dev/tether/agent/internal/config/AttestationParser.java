package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.AttestationConfig.AgentCore;
import dev.tether.agent.internal.config.AttestationConfig.Ec2Iid;
import dev.tether.agent.internal.config.AttestationConfig.Local;
import dev.tether.agent.internal.config.AttestationConfig.Nitro;
import dev.tether.agent.internal.config.yaml.YamlNode;
import dev.tether.agent.internal.config.yaml.YamlScalar;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code attestation} section: the provider, the refresh period, and the settings block
 * of the chosen provider. A block for another provider is an error, not silently ignored: it
 * usually means the provider line was forgotten.
 */
final class AttestationParser {

  private static final String SECTION = "attestation";
  private static final String PROVIDER = "provider";
  private static final String REFRESH = "refresh";

  /** The providers that have a settings block, by block key. */
  private static final List<String> BLOCKS =
      List.of(
          AttestationConfig.LOCAL,
          AttestationConfig.NITRO,
          AttestationConfig.EC2_IID,
          AttestationConfig.AGENTCORE);

  static final List<String> KEYS =
      List.of(
          PROVIDER,
          REFRESH,
          AttestationConfig.LOCAL,
          AttestationConfig.NITRO,
          AttestationConfig.EC2_IID,
          AttestationConfig.AGENTCORE);

  private static final List<String> LOCAL_KEYS = List.of("attestor");
  private static final List<String> NITRO_KEYS = List.of("command");
  private static final List<String> EC2_IID_KEYS = List.of("imds", "signature");
  private static final List<String> AGENTCORE_KEYS = List.of("token-env", "token-file");

  /** Block keys written directly under {@code attestation:}, and where they belong. */
  private static final Map<String, String> MOVED = moved();

  /** Names other documents use for a provider. */
  private static final Map<String, String> PROVIDER_ALIASES =
      Map.of(
          "ecs-network", AttestationConfig.NETWORK,
          "ecs", AttestationConfig.NETWORK,
          "ec2", AttestationConfig.EC2_IID,
          "nitro-enclave", AttestationConfig.NITRO,
          "nitro-enclaves", AttestationConfig.NITRO,
          "bedrock-agentcore", AttestationConfig.AGENTCORE);

  private static final String NITRO_EXAMPLE =
      "command: [/usr/local/bin/nsm-attest, --nonce, \"${nonce}\", --user-data,"
          + " \"${user_data}\"]";

  private final ConfigParser values;
  private final Problems problems;

  AttestationParser(ConfigParser values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  /** The section's settings; the defaults when absent; null when anything was reported. */
  AttestationConfig parse(YamlNode node) {
    int before = problems.count();
    YamlMapping section = YamlMapping.read(node, SECTION, KEYS, MOVED, "provider: local", problems);
    if (section == null) {
      return null;
    }
    YamlScalar providerNode = values.scalar(section, SECTION, PROVIDER, AttestationConfig.LOCAL);
    String provider = AttestationConfig.LOCAL;
    if (providerNode != null) {
      provider = provider(providerNode);
    } else if (section.has(PROVIDER)) {
      provider = null; // reported: no value, or not a single value
    }
    Duration refresh = refresh(section);
    Local local = null;
    Nitro nitro = null;
    Ec2Iid ec2Iid = null;
    AgentCore agentCore = null;
    if (provider != null) {
      rejectOtherBlocks(section, provider, providerNode != null);
      switch (provider) {
        case AttestationConfig.LOCAL:
          local = local(section.value(AttestationConfig.LOCAL));
          break;
        case AttestationConfig.NITRO:
          nitro = nitro(section, providerNode);
          break;
        case AttestationConfig.EC2_IID:
          ec2Iid = ec2Iid(section.value(AttestationConfig.EC2_IID));
          break;
        case AttestationConfig.AGENTCORE:
          agentCore = agentCore(section.value(AttestationConfig.AGENTCORE));
          break;
        default: // network: no settings
      }
    }
    if (problems.count() > before) {
      return null;
    }
    try {
      return new AttestationConfig(provider, refresh, local, nitro, ec2Iid, agentCore);
    } catch (IllegalArgumentException e) { // a rule the checks above do not know
      problems.at(node, e.getMessage(), null);
      return null;
    }
  }

  private String provider(YamlScalar node) {
    String provider = node.value();
    if (AttestationConfig.PROVIDERS.contains(provider)) {
      return provider;
    }
    String closest = PROVIDER_ALIASES.get(provider);
    if (closest == null) {
      closest = KeySuggestions.closest(provider, AttestationConfig.PROVIDERS);
    }
    problems.at(
        node,
        "unknown attestation provider '" + provider + "'",
        closest != null
            ? "write '" + closest + "' instead"
            : "write one of " + String.join(", ", AttestationConfig.PROVIDERS));
    return null;
  }

  private Duration refresh(YamlMapping section) {
    YamlScalar node = values.scalar(section, SECTION, REFRESH, "5m");
    if (node == null) {
      return null;
    }
    return values.duration(
        node,
        "attestation.refresh",
        "s' or '%m",
        "30s, 5m or 10m",
        AttestationConfig.MIN_REFRESH,
        AttestationConfig.MAX_REFRESH,
        "10s to 60m (the Vault refuses a binding older than its --attestation-max-age, 10m by"
            + " default)");
  }

  /** A block for a provider other than the chosen one is reported at its key. */
  private void rejectOtherBlocks(YamlMapping section, String provider, boolean providerWritten) {
    for (String block : BLOCKS) {
      if (block.equals(provider) || !section.has(block)) {
        continue;
      }
      problems.at(
          section.keyNode(block),
          "'"
              + block
              + ":' settings given but provider is '"
              + provider
              + "'"
              + (providerWritten ? "" : " (the default)"),
          providerWritten
              ? "remove '" + block + ":', or write 'provider: " + block + "'"
              : "add 'provider: " + block + "' under 'attestation:', or remove '" + block + ":'");
    }
  }

  private Local local(YamlNode node) {
    String path = "attestation.local";
    YamlMapping block =
        YamlMapping.read(
            node, path, LOCAL_KEYS, Map.of(), "attestor: http://127.0.0.1:9750", problems);
    if (block == null) {
      return null;
    }
    YamlScalar attestor = values.scalar(block, path, "attestor", "http://127.0.0.1:9750");
    if (attestor == null) {
      return null;
    }
    values.reject(attestor, ValueRules.attestorUrl(attestor.value()));
    return new Local(attestor.value());
  }

  private Nitro nitro(YamlMapping section, YamlScalar providerNode) {
    String path = "attestation.nitro";
    YamlNode node = section.value(AttestationConfig.NITRO);
    YamlMapping block = YamlMapping.read(node, path, NITRO_KEYS, Map.of(), NITRO_EXAMPLE, problems);
    if (block == null) {
      return null;
    }
    List<YamlScalar> command = values.scalars(block, path, "command", "/usr/local/bin/nsm-attest");
    if (command == null) {
      return null;
    }
    if (command.isEmpty()) {
      YamlNode at = block.has("command") ? block.value("command") : section.keyNode("nitro");
      problems.at(
          at != null ? at : providerNode,
          "attestation provider 'nitro' needs the command that prints the attestation document",
          "add under 'attestation:' a block 'nitro:' with e.g. '" + NITRO_EXAMPLE + "'");
      return null;
    }
    int before = problems.count();
    boolean nonce = false;
    boolean userData = false;
    for (int i = 0; i < command.size(); i++) {
      YamlScalar argument = command.get(i);
      if (argument.value().isEmpty()) {
        problems.at(
            argument,
            "'" + path + ".command[" + i + "]' is empty",
            "remove it, or write the argument");
        continue;
      }
      values.reject(argument, ValueRules.nitroArgument(argument.value()));
      nonce |= argument.value().contains(Nitro.NONCE);
      userData |= argument.value().contains(Nitro.USER_DATA);
    }
    YamlNode commandNode = block.value("command");
    if (problems.count() > before) {
      return null; // a misspelt placeholder would also be reported as missing
    }
    if (!nonce) {
      problems.at(
          commandNode,
          "'" + path + ".command' never passes ${nonce}",
          "add an argument with ${nonce}: the Vault refuses a document without its nonce");
    }
    if (!userData) {
      problems.at(
          commandNode,
          "'" + path + ".command' never passes ${user_data}",
          "add an argument with ${user_data}: it binds the document to the workload key, and the"
              + " Vault refuses a document for another key");
    }
    return new Nitro(ConfigParser.values(command));
  }

  private Ec2Iid ec2Iid(YamlNode node) {
    String path = "attestation.ec2-iid";
    int before = problems.count();
    YamlMapping block =
        YamlMapping.read(node, path, EC2_IID_KEYS, Map.of(), "signature: rsa2048", problems);
    if (block == null) {
      return null;
    }
    YamlScalar imds = values.scalar(block, path, "imds", Ec2Iid.DEFAULT_IMDS);
    if (imds != null) {
      values.reject(imds, ValueRules.imdsUrl(imds.value()));
    }
    YamlScalar signature = values.scalar(block, path, "signature", Ec2Iid.RSA2048);
    if (signature != null && !Ec2Iid.SIGNATURES.contains(signature.value())) {
      String closest = KeySuggestions.closest(signature.value(), Ec2Iid.SIGNATURES);
      problems.at(
          signature,
          "unknown " + path + ".signature '" + signature.value() + "'",
          closest != null
              ? "write '" + closest + "' instead"
              : "write 'rsa2048' (RSA-2048/SHA-256, the default) or 'pkcs7' (DSA/SHA-1)");
    }
    if (problems.count() > before) {
      return null;
    }
    return new Ec2Iid(
        imds == null ? null : imds.value(), signature == null ? null : signature.value());
  }

  private AgentCore agentCore(YamlNode node) {
    String path = "attestation.agentcore";
    YamlMapping block =
        YamlMapping.read(
            node,
            path,
            AGENTCORE_KEYS,
            Map.of(),
            "token-env: " + AgentCore.DEFAULT_TOKEN_ENV,
            problems);
    if (block == null) {
      return null;
    }
    YamlScalar tokenEnv = values.scalar(block, path, "token-env", AgentCore.DEFAULT_TOKEN_ENV);
    if (tokenEnv != null) {
      values.reject(tokenEnv, ValueRules.envName(path + ".token-env", tokenEnv.value()));
    }
    YamlScalar tokenFile =
        values.scalar(block, path, "token-file", "/var/run/agentcore/workload-token");
    if (tokenFile != null && tokenFile.value().isBlank()) {
      problems.at(
          tokenFile,
          "'" + path + ".token-file' is empty",
          "write the file's path, or remove the key to read " + AgentCore.DEFAULT_TOKEN_ENV);
    }
    return new AgentCore(
        tokenEnv == null ? null : tokenEnv.value(), tokenFile == null ? null : tokenFile.value());
  }

  private static Map<String, String> moved() {
    Map<String, String> moved = new HashMap<>();
    for (String key : LOCAL_KEYS) {
      moved.put(key, "put it in a 'local:' block under 'attestation:'");
    }
    for (String key : NITRO_KEYS) {
      moved.put(key, "put it in a 'nitro:' block under 'attestation:'");
    }
    for (String key : EC2_IID_KEYS) {
      moved.put(key, "put it in an 'ec2-iid:' block under 'attestation:'");
    }
    for (String key : AGENTCORE_KEYS) {
      moved.put(key, "put it in an 'agentcore:' block under 'attestation:'");
    }
    return Map.copyOf(moved);
  }
}
