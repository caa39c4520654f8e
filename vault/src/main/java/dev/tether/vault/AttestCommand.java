package dev.tether.vault;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceVerifier;
import dev.tether.vault.attest.VerifiedEvidence;
import dev.tether.vault.internal.attest.ec2iid.Ec2IidVerifier;
import dev.tether.vault.internal.attest.nitro.NitroPolicy;
import dev.tether.vault.internal.attest.nitro.NitroVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code attest verify --kind nitro|ec2-iid FILE [--at INSTANT] [--region REGION] [--allow-debug]
 * [--pcr N=HEX]}: verifies one piece of evidence the way the Vault does and prints its decoded
 * fields and the verdict, for operators debugging attestation. Exit 0 when it is valid, 1 when it
 * is refused, 2 on a usage error.
 */
final class AttestCommand implements VaultMain.Command {

  private static final long MAX_EVIDENCE_BYTES = 1 << 20;

  private final String kind;
  private final Path file;
  private final Instant at;
  private final String region;
  private final NitroPolicy policy;

  private AttestCommand(String kind, Path file, Instant at, String region, NitroPolicy policy) {
    this.kind = kind;
    this.file = file;
    this.at = at;
    this.region = region;
    this.policy = policy;
  }

  /** @return {@code null} when the usage was asked for */
  static AttestCommand parse(String[] args) {
    if (args.length < 2 || !args[1].equals("verify")) {
      throw new IllegalArgumentException(
          "attest needs a subcommand: attest verify --kind nitro|ec2-iid FILE");
    }
    String kind = null;
    String file = null;
    Instant at = null;
    String region = null;
    NitroPolicy policy = NitroPolicy.defaults();
    for (int i = 2; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help":
        case "-h":
          return null;
        case "--allow-debug":
          policy = policy.withDebugAllowed(true);
          break;
        case "--kind":
          kind = value(args, ++i, arg);
          break;
        case "--at":
          at = instant(value(args, ++i, arg));
          break;
        case "--region":
          region = value(args, ++i, arg);
          break;
        case "--pcr":
          policy = pcr(policy, value(args, ++i, arg));
          break;
        default:
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option '" + arg + "' for attest verify");
          }
          if (file != null) {
            throw new IllegalArgumentException(
                "attest verify takes one evidence file; got '" + file + "' and '" + arg + "'");
          }
          file = arg;
      }
    }
    if (kind == null || !(kind.equals(NitroVerifier.KIND) || kind.equals(Ec2IidVerifier.KIND))) {
      throw new IllegalArgumentException(
          "attest verify needs --kind nitro or --kind ec2-iid"
              + (kind == null ? "" : ", not '" + kind + "'"));
    }
    if (file == null) {
      throw new IllegalArgumentException("attest verify needs the evidence FILE");
    }
    if (region != null && !kind.equals(Ec2IidVerifier.KIND)) {
      throw new IllegalArgumentException("--region applies to --kind ec2-iid only");
    }
    return new AttestCommand(kind, Path.of(file), at, region, policy);
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    byte[] evidence;
    try {
      if (Files.size(file) > MAX_EVIDENCE_BYTES) {
        err.println("tether-vault: " + file + " is larger than 1 MiB; it is not one attestation");
        return 2;
      }
      evidence = Files.readAllBytes(file);
    } catch (IOException e) {
      err.println(
          "tether-vault: cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + ")");
      return 2;
    }
    Instant when = at == null ? Instant.now() : at;
    out.println("kind: " + kind);
    out.println("file: " + file + " (" + evidence.length + " bytes)");
    out.println("verified at: " + when + (at == null ? " (now; --at INSTANT to choose)" : ""));
    try {
      VerifiedEvidence verified = verify(evidence, when);
      out.println("workload: " + verified.workload());
      out.println("issued at: " + verified.issuedAt());
      for (Map.Entry<String, String> field : verified.fields().entrySet()) {
        out.println("  " + field.getKey() + ": " + field.getValue());
      }
      out.println("verdict: VALID");
      return 0;
    } catch (EvidenceRefused refused) {
      out.println("verdict: REFUSED " + refused.reason().code() + ": " + refused.getMessage());
      return 1;
    }
  }

  private VerifiedEvidence verify(byte[] evidence, Instant when) throws EvidenceRefused {
    if (kind.equals(Ec2IidVerifier.KIND)) {
      return new Ec2IidVerifier().verify(evidence, when, region);
    }
    EvidenceVerifier nitro = new NitroVerifier(policy);
    return nitro.verify(evidence, when);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException("option " + option + " needs a value");
    }
    return args[index];
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--at must be an ISO-8601 instant such as 2021-10-28T17:02:02Z, not '" + text + "'");
    }
  }

  private static NitroPolicy pcr(NitroPolicy policy, String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--pcr takes INDEX=HEX, e.g. --pcr 0=ab12..., not '" + spec + "'");
    }
    try {
      return policy.withExpectedPcr(Integer.parseInt(spec.substring(0, eq)), spec.substring(eq + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--pcr INDEX must be a number, not '" + spec.substring(0, eq) + "'");
    }
  }
}
