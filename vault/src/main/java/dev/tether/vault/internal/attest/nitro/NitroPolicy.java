package dev.tether.vault.internal.attest.nitro;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.internal.attest.nitro.AttestationDocument.Source;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which Nitro workloads the Vault admits, once their document is genuine: the PCR values enclaves
 * must have, whether debug-mode enclaves are admitted, whether NitroTPM documents (EC2 instances)
 * are admitted at all, and the PCR values those must have.
 *
 * <p>{@link #defaults()} pins no PCR, refuses debug mode and refuses NitroTPM documents. In a
 * debug-mode enclave the NSM reports PCR0, PCR1 and PCR2 as all zero, so the document proves
 * nothing about which image runs, and the enclave's console is readable from its parent instance:
 * admit it only for development, with {@link #withDebugAllowed(boolean)}. Without pinned PCRs any
 * production enclave on any AWS account is admitted; in production pin at least PCR0 (the enclave
 * image) or PCR8 (its signing certificate).
 *
 * <p>A NitroTPM document attests an EC2 instance's boot chain (firmware, boot loader, kernel
 * command line), not an isolated enclave: whoever controls the running instance controls the
 * workload key it asks to have signed. It is admitted only with {@link #withTpmAllowed(boolean)},
 * and checked against its own pins ({@link #withExpectedTpmPcr}), never against the enclave pins:
 * the same index means different things in the two maps.
 *
 * <p>Instances are immutable; the {@code with...} methods return a new policy.
 */
public final class NitroPolicy {

  private static final NitroPolicy DEFAULTS =
      new NitroPolicy(new TreeMap<>(), false, false, new TreeMap<>());
  private static final int SHOWN_HEX = 16;

  private final SortedMap<Integer, byte[]> expectedPcrs;
  private final boolean debugAllowed;
  private final boolean tpmAllowed;
  private final SortedMap<Integer, byte[]> expectedTpmPcrs;

  private NitroPolicy(
      SortedMap<Integer, byte[]> expectedPcrs,
      boolean debugAllowed,
      boolean tpmAllowed,
      SortedMap<Integer, byte[]> expectedTpmPcrs) {
    this.expectedPcrs = expectedPcrs;
    this.debugAllowed = debugAllowed;
    this.tpmAllowed = tpmAllowed;
    this.expectedTpmPcrs = expectedTpmPcrs;
  }

  /** No PCR pinned; debug-mode enclaves and NitroTPM documents refused. */
  public static NitroPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * This policy, also requiring enclave PCR {@code index} to equal {@code hex}.
   *
   * @param index 0 to 31
   * @param hex the value, 64, 96 or 128 hex digits (32, 48 or 64 bytes), either case
   * @throws IllegalArgumentException if the index or the value is out of shape
   */
  public NitroPolicy withExpectedPcr(int index, String hex) {
    return new NitroPolicy(
        pinned(expectedPcrs, index, hex, "PCR"), debugAllowed, tpmAllowed, expectedTpmPcrs);
  }

  /**
   * This policy, also requiring NitroTPM PCR {@code index} (of {@code nitrotpm_pcrs}) to equal
   * {@code hex}. AWS measures an attestable AMI into PCR4 and PCR12 (standard boot) or PCR7
   * (Secure Boot policy).
   *
   * @param index 0 to 31
   * @param hex the value, 64, 96 or 128 hex digits (32, 48 or 64 bytes), either case
   * @throws IllegalArgumentException if the index or the value is out of shape
   */
  public NitroPolicy withExpectedTpmPcr(int index, String hex) {
    return new NitroPolicy(
        expectedPcrs,
        debugAllowed,
        tpmAllowed,
        pinned(expectedTpmPcrs, index, hex, "NitroTPM PCR"));
  }

  /** This policy, admitting debug-mode enclaves or not. */
  public NitroPolicy withDebugAllowed(boolean allowed) {
    return new NitroPolicy(expectedPcrs, allowed, tpmAllowed, expectedTpmPcrs);
  }

  /** This policy, admitting NitroTPM documents (EC2 instances' measured boot) or not. */
  public NitroPolicy withTpmAllowed(boolean allowed) {
    return new NitroPolicy(expectedPcrs, debugAllowed, allowed, expectedTpmPcrs);
  }

  public boolean debugAllowed() {
    return debugAllowed;
  }

  public boolean tpmAllowed() {
    return tpmAllowed;
  }

  /** The pinned enclave PCRs, index to lower-case hex, in index order. */
  public Map<Integer, String> expectedPcrs() {
    return hex(expectedPcrs);
  }

  /** The pinned NitroTPM PCRs, index to lower-case hex, in index order. */
  public Map<Integer, String> expectedTpmPcrs() {
    return hex(expectedTpmPcrs);
  }

  /**
   * @throws EvidenceRefused POLICY naming the first rule the document breaks
   */
  void check(AttestationDocument document) throws EvidenceRefused {
    if (document.source() == Source.NITRO_TPM) {
      if (!tpmAllowed) {
        throw new EvidenceRefused(
            Reason.POLICY,
            "this is a NitroTPM attestation document (nitrotpm_pcrs) from "
                + document.moduleId()
                + ": it attests an EC2 instance's boot, not an enclave, and the Nitro policy"
                + " admits enclave documents only. To admit attestable-AMI instances, allow"
                + " NitroTPM documents and pin their PCRs (serve --nitro-tpm allow"
                + " --nitro-tpm-pcr 4=... --nitro-tpm-pcr 12=...)");
      }
      checkPins(document, expectedTpmPcrs, "NitroTPM PCR", "instance", "--nitro-tpm-pcr",
          "launch the instance from the expected attestable AMI");
      return;
    }
    if (document.debugMode() && !debugAllowed) {
      throw new EvidenceRefused(
          Reason.POLICY,
          "enclave "
              + document.moduleId()
              + " runs in debug mode (PCR0, PCR1 and PCR2 all zero), which the Nitro policy"
              + " refuses: its document proves nothing about the image it runs. Run it without"
              + " --debug-mode, or allow debug mode for development only");
    }
    checkPins(document, expectedPcrs, "PCR", "enclave", "--nitro-pcr",
        "deploy the expected enclave image");
  }

  private static void checkPins(
      AttestationDocument document,
      SortedMap<Integer, byte[]> pins,
      String register,
      String workload,
      String option,
      String remedy)
      throws EvidenceRefused {
    for (Map.Entry<Integer, byte[]> expected : pins.entrySet()) {
      byte[] actual = document.pcrs().get(expected.getKey());
      if (actual == null || !Arrays.equals(actual, expected.getValue())) {
        throw new EvidenceRefused(
            Reason.POLICY,
            register
                + expected.getKey()
                + " of "
                + workload
                + " "
                + document.moduleId()
                + " is "
                + (actual == null ? "absent" : shown(actual))
                + " but the Nitro policy expects "
                + shown(expected.getValue())
                + "; "
                + remedy
                + " or update the policy ("
                + option
                + ")");
      }
    }
  }

  private static SortedMap<Integer, byte[]> pinned(
      SortedMap<Integer, byte[]> pins, int index, String hex, String register) {
    if (index < 0 || index >= AttestationDocument.MAX_PCRS) {
      throw new IllegalArgumentException(
          register
              + " index "
              + index
              + " is out of range; expected 0 to "
              + (AttestationDocument.MAX_PCRS - 1));
    }
    byte[] value;
    try {
      value = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(register + index + " must be given in hex digits", e);
    }
    if (value.length != 32 && value.length != 48 && value.length != 64) {
      throw new IllegalArgumentException(
          register
              + index
              + " is "
              + value.length
              + " bytes; expected 48 (SHA-384, 96 hex digits), or 32 or 64");
    }
    SortedMap<Integer, byte[]> more = new TreeMap<>(pins);
    more.put(index, value);
    return more;
  }

  private static Map<Integer, String> hex(SortedMap<Integer, byte[]> pins) {
    Map<Integer, String> hex = new LinkedHashMap<>();
    pins.forEach((index, value) -> hex.put(index, HexFormat.of().formatHex(value)));
    return Collections.unmodifiableMap(hex);
  }

  private static String shown(byte[] pcr) {
    return HexFormat.of().formatHex(pcr).substring(0, SHOWN_HEX) + "...";
  }

  @Override
  public String toString() {
    return "NitroPolicy[pcrs="
        + expectedPcrs.keySet()
        + ", debugAllowed="
        + debugAllowed
        + ", tpmAllowed="
        + tpmAllowed
        + ", tpmPcrs="
        + expectedTpmPcrs.keySet()
        + "]";
  }
}
