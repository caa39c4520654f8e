package dev.tether.vault;

import dev.tether.core.attest.LauncherPublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code serve} options that make the Vault's {@link AttestationPolicy}. */
final class AttestationOptions {

  static final Set<String> OPTIONS = Set.of(
      "--attestation", "--local-attestor-key", "--nitro-pcr", "--nitro-debug", "--nitro-tpm",
      "--nitro-tpm-pcr", "--ec2-account", "--ec2-region", "--network-pin", "--attestation-max-age",
      "--nonce-ttl");
  static final Set<String> REPEATABLE = Set.of("--local-attestor-key", "--nitro-pcr",
      "--nitro-tpm-pcr", "--ec2-account", "--ec2-region", "--network-pin");

  static final String USAGE =
      "  --attestation KIND[,KIND]     evidence accepted at redemption: local, nitro, ec2-iid,\n"
          + "                                agentcore, network (default local; required in aws mode)\n"
          + "  --local-attestor-key FILE     a launcher's public key (.pub) to trust (repeatable)\n"
          + "  --nitro-pcr N=HEX             a PCR value Nitro enclaves must have (repeatable)\n"
          + "  --nitro-debug allow|refuse    admit debug-mode enclaves (default refuse)\n"
          + "  --nitro-tpm allow|refuse      admit NitroTPM documents (EC2 instances' measured boot,\n"
          + "                                weaker than an enclave; default refuse)\n"
          + "  --nitro-tpm-pcr N=HEX         a NitroTPM PCR value instances must have (repeatable;\n"
          + "                                required with --nitro-tpm allow: 4 and 12, or 7)\n"
          + "  --ec2-account ID              an AWS account whose instances are admitted (repeatable)\n"
          + "  --ec2-region REGION           a region admitted for ec2-iid (repeatable; default any)\n"
          + "  --network-pin KEY=ID          aws:SourceVpce=vpce-... or aws:SourceVpc=vpc-...,\n"
          + "                                required by every session policy (repeatable)\n"
          + "  --attestation-max-age DUR     how long a binding stays fresh (default 10m)\n"
          + "  --nonce-ttl DUR               how long a nonce waits for evidence (default 30s)\n";

  private AttestationOptions() {}

  /**
   * @throws IllegalArgumentException naming the option that is wrong and what to give instead
   */
  static AttestationPolicy parse(CommandArgs options, VaultSettings.Mode mode) {
    String kinds = options.value("--attestation");
    if (kinds == null && mode == VaultSettings.Mode.AWS) {
      throw new IllegalArgumentException("--attestation is required in aws mode: say which"
          + " evidence admits a workload (nitro, ec2-iid, agentcore, network; local is for"
          + " development)");
    }
    Set<String> accepted = new LinkedHashSet<>();
    if (kinds != null) {
      for (String kind : kinds.split(",")) {
        if (!kind.isBlank()) {
          accepted.add(kind.strip());
        }
      }
    }
    AttestationPolicy policy = new AttestationPolicy(
        accepted, null, pcrs(options.values("--nitro-pcr"), "--nitro-pcr"),
        allow(options.value("--nitro-debug"), "--nitro-debug"),
        allow(options.value("--nitro-tpm"), "--nitro-tpm"),
        pcrs(options.values("--nitro-tpm-pcr"), "--nitro-tpm-pcr"),
        new LinkedHashSet<>(options.values("--ec2-account")),
        new LinkedHashSet<>(options.values("--ec2-region")), pins(options.values("--network-pin")),
        duration(options, "--attestation-max-age"), duration(options, "--nonce-ttl"));
    for (String file : options.values("--local-attestor-key")) {
      policy = policy.withLauncher(publicKey(Path.of(file)));
    }
    return policy;
  }

  private static java.security.PublicKey publicKey(Path file) {
    try {
      return LauncherPublicKeys.readPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalArgumentException("--local-attestor-key " + file + " cannot be read ("
          + e.getMessage() + "); give the .pub file `tether-agent.jar launch` wrote");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--local-attestor-key " + file + ": " + e.getMessage());
    }
  }

  /** {@code --nitro-pcr} or {@code --nitro-tpm-pcr} values, INDEX=HEX each. */
  static Map<Integer, String> pcrs(List<String> specs, String option) {
    Map<Integer, String> pcrs = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            option + " takes INDEX=HEX, e.g. " + option + " 4=ab12..., not '" + spec + "'");
      }
      int index;
      try {
        index = Integer.parseInt(spec.substring(0, eq).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option + " INDEX must be a number, not '" + spec.substring(0, eq) + "'");
      }
      if (pcrs.put(index, spec.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException(option + " gives PCR" + index + " twice; give it once");
      }
    }
    return pcrs;
  }

  private static boolean allow(String value, String option) {
    if (value == null || value.equals("refuse")) {
      return false;
    }
    if (value.equals("allow")) {
      return true;
    }
    throw new IllegalArgumentException(option + " takes allow or refuse, not '" + value + "'");
  }

  private static Map<String, List<String>> pins(List<String> specs) {
    Map<String, List<String>> pins = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--network-pin takes KEY=ID, e.g. --network-pin"
            + " aws:SourceVpce=vpce-0abc1234def567890, not '" + spec + "'");
      }
      pins.computeIfAbsent(spec.substring(0, eq).strip(), k -> new ArrayList<>())
          .add(spec.substring(eq + 1).strip());
    }
    return pins;
  }

  /** {@code 90}, {@code 90s}, {@code 10m} or {@code 1h}; {@code null} when not given. */
  static Duration duration(CommandArgs options, String name) {
    String value = options.value(name);
    if (value == null) {
      return null;
    }
    String text = value.strip();
    long unit = 1;
    if (text.endsWith("s")) {
      text = text.substring(0, text.length() - 1);
    } else if (text.endsWith("m")) {
      unit = 60;
      text = text.substring(0, text.length() - 1);
    } else if (text.endsWith("h")) {
      unit = 3600;
      text = text.substring(0, text.length() - 1);
    }
    try {
      return Duration.ofSeconds(Math.multiplyExact(Long.parseLong(text), unit));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          name + " must be a duration such as 30s, 10m or 1h, not '" + value + "'");
    }
  }
}
