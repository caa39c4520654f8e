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
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code attest verify --kind nitro|ec2-iid FILE [--at INSTANT] [--region REGION] [--allow-debug]
 * [--pcr N=HEX] [--tpm-pcr N=HEX]}: verifies one piece of evidence the way the Vault does and
 * prints its decoded fields and the verdict, for operators debugging attestation. Exit 0 when it is
 * valid, 1 when it is refused, 2 on a usage error.
 *
 * <p>NitroTPM documents are verified (and their fields printed) whether or not {@code --tpm-pcr}
 * is given, so that an operator can read the PCRs to pin; a valid one then carries a note that
 * the Vault admits it only with {@code --nitro-tpm allow} and pinned PCRs.
 */
final class AttestCommand implements VaultMain.Command {

  private static final long MAX_EVIDENCE_BYTES = 1 << 20;

  private final String kind;
  private final Path file;
  private final Instant at;
  private final String region;
  private final NitroPolicy policy;
  private final Function<NitroPolicy, EvidenceVerifier> nitroVerifiers;

  private AttestCommand(String kind, Path file, Instant at, String region, NitroPolicy policy,
      Function<NitroPolicy, EvidenceVerifier> nitroVerifiers) {
    this.kind = kind;
    this.file = file;
    this.at = at;
    this.region = region;
    this.policy = policy;
    this.nitroVerifiers = nitroVerifiers;
  }

  /** @return {@code null} when the usage was asked for */
  static AttestCommand parse(String[] args) {
    return parse(args, NitroVerifier::new);
  }

  /**
   * @param nitroVerifiers makes the {@code nitro} verifier for the parsed policy: AWS's root, or a
   *     test root (there is no real NitroTPM document to test with)
   */
  static AttestCommand parse(String[] args, Function<NitroPolicy, EvidenceVerifier> nitroVerifiers) {
    if (args.length < 2 || !args[1].equals("verify")) {
      throw new IllegalArgumentException(
          "attest needs a subcommand: attest verify --kind nitro|ec2-iid FILE");
    }
    String kind = null;
    String file = null;
    Instant at = null;
    String region = null;
    NitroPolicy policy = NitroPolicy.defaults().withTpmAllowed(true);
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
        case "--tpm-pcr":
          policy = pcr(policy, value(args, ++i, arg), arg);
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
    return new AttestCommand(kind, Path.of(file), at, region, policy, nitroVerifiers);
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
      if (NitroVerifier.NITRO_TPM.equals(verified.fields().get(NitroVerifier.DOCUMENT_FIELD))) {
        out.println("note: a NitroTPM document attests an EC2 instance's boot, not an enclave; the"
            + " Vault admits it only with serve --nitro-tpm allow and its PCRs pinned"
            + " (--nitro-tpm-pcr; here --tpm-pcr)");
      }
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
    return nitroVerifiers.apply(policy).verify(evidence, when);
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

  private static NitroPolicy pcr(NitroPolicy policy, String spec, String option) {
    for (Map.Entry<Integer, String> pcr : AttestationOptions.pcrs(List.of(spec), option).entrySet()) {
      policy = option.equals("--tpm-pcr")
          ? policy.withExpectedTpmPcr(pcr.getKey(), pcr.getValue())
          : policy.withExpectedPcr(pcr.getKey(), pcr.getValue());
    }
    return policy;
  }
}
