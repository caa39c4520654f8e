package dev.tether.vault.internal.attest.nitro;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which Nitro enclaves the Vault admits, once their document is genuine: the PCR values they must
 * have, and whether debug-mode enclaves are admitted.
 *
 * <p>{@link #defaults()} pins no PCR and refuses debug mode. In a debug-mode enclave the NSM
 * reports PCR0, PCR1 and PCR2 as all zero, so the document proves nothing about which image runs,
 * and the enclave's console is readable from its parent instance: admit it only for development,
 * with {@link #withDebugAllowed(boolean)}. Without pinned PCRs any production enclave on any AWS
 * account is admitted; in production pin at least PCR0 (the enclave image) or PCR8 (its signing
 * certificate).
 *
 * <p>Instances are immutable; the {@code with...} methods return a new policy.
 */
public final class NitroPolicy {

  private static final NitroPolicy DEFAULTS = new NitroPolicy(new TreeMap<>(), false);
  private static final int SHOWN_HEX = 16;

  private final SortedMap<Integer, byte[]> expectedPcrs;
  private final boolean debugAllowed;

  private NitroPolicy(SortedMap<Integer, byte[]> expectedPcrs, boolean debugAllowed) {
    this.expectedPcrs = expectedPcrs;
    this.debugAllowed = debugAllowed;
  }

  /** No PCR pinned; debug-mode enclaves refused. */
  public static NitroPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * This policy, also requiring PCR {@code index} to equal {@code hex}.
   *
   * @param index 0 to 31
   * @param hex the value, 64, 96 or 128 hex digits (32, 48 or 64 bytes), either case
   * @throws IllegalArgumentException if the index or the value is out of shape
   */
  public NitroPolicy withExpectedPcr(int index, String hex) {
    if (index < 0 || index >= AttestationDocument.MAX_PCRS) {
      throw new IllegalArgumentException(
          "PCR index "
              + index
              + " is out of range; expected 0 to "
              + (AttestationDocument.MAX_PCRS - 1));
    }
    byte[] value;
    try {
      value = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PCR" + index + " must be given in hex digits", e);
    }
    if (value.length != 32 && value.length != 48 && value.length != 64) {
      throw new IllegalArgumentException(
          "PCR"
              + index
              + " is "
              + value.length
              + " bytes; expected 48 (SHA-384, 96 hex digits), or 32 or 64");
    }
    SortedMap<Integer, byte[]> pcrs = new TreeMap<>(expectedPcrs);
    pcrs.put(index, value);
    return new NitroPolicy(pcrs, debugAllowed);
  }

  /** This policy, admitting debug-mode enclaves or not. */
  public NitroPolicy withDebugAllowed(boolean allowed) {
    return new NitroPolicy(expectedPcrs, allowed);
  }

  public boolean debugAllowed() {
    return debugAllowed;
  }

  /** The pinned PCRs, index to lower-case hex, in index order. */
  public Map<Integer, String> expectedPcrs() {
    Map<Integer, String> hex = new LinkedHashMap<>();
    expectedPcrs.forEach((index, value) -> hex.put(index, HexFormat.of().formatHex(value)));
    return Collections.unmodifiableMap(hex);
  }

  /**
   * @throws EvidenceRefused POLICY naming the first rule the document breaks
   */
  void check(AttestationDocument document) throws EvidenceRefused {
    if (document.debugMode() && !debugAllowed) {
      throw new EvidenceRefused(
          Reason.POLICY,
          "enclave "
              + document.moduleId()
              + " runs in debug mode (PCR0, PCR1 and PCR2 all zero), which the Nitro policy"
              + " refuses: its document proves nothing about the image it runs. Run it without"
              + " --debug-mode, or allow debug mode for development only");
    }
    for (Map.Entry<Integer, byte[]> expected : expectedPcrs.entrySet()) {
      byte[] actual = document.pcrs().get(expected.getKey());
      if (actual == null || !Arrays.equals(actual, expected.getValue())) {
        throw new EvidenceRefused(
            Reason.POLICY,
            "PCR"
                + expected.getKey()
                + " of enclave "
                + document.moduleId()
                + " is "
                + (actual == null ? "absent" : shown(actual))
                + " but the Nitro policy expects "
                + shown(expected.getValue())
                + "; deploy the expected enclave image or update the policy");
      }
    }
  }

  private static String shown(byte[] pcr) {
    return HexFormat.of().formatHex(pcr).substring(0, SHOWN_HEX) + "...";
  }

  @Override
  public String toString() {
    return "NitroPolicy[pcrs=" + expectedPcrs().keySet() + ", debugAllowed=" + debugAllowed + "]";
  }
}
