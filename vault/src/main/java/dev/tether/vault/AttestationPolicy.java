package dev.tether.vault;

import dev.tether.core.attest.LauncherPublicKeys;
import dev.tether.vault.internal.attest.nitro.NitroPolicy;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which attestation evidence the Vault accepts at redemption and re-attestation, and what each
 * kind must show. Fail closed: a kind not listed is refused, and the kinds that prove least
 * ({@code ec2-iid}, {@code agentcore}, {@code network}) are never accepted unless listed.
 *
 * @param kinds the accepted evidence kinds, of {@link #KINDS}
 * @param launchers {@code local}: the launcher public keys trusted, by id
 * @param nitroPcrs {@code nitro}: PCR index to expected value (hex)
 * @param nitroAllowDebug {@code nitro}: admit debug-mode enclaves (development only)
 * @param nitroTpm {@code nitro}: also admit NitroTPM documents (EC2 instances' measured boot,
 *     weaker than an enclave); needs {@code nitro} among the kinds and a pinned NitroTPM PCR
 *     other than the constant PCR0 and PCR1
 * @param nitroTpmPcrs {@code nitro}: NitroTPM PCR index to expected value (hex); only with
 *     {@code nitroTpm}
 * @param ec2Accounts {@code ec2-iid}: the AWS accounts whose instances are admitted (required)
 * @param ec2Regions {@code ec2-iid}: the regions admitted; empty for any
 * @param networkPins condition key ({@code aws:SourceVpce}, {@code aws:SourceVpc}) to the values
 *     every session policy requires; required for {@code network}
 * @param maxAge how long a binding stays fresh without re-attestation
 * @param nonceTtl how long a nonce may wait for its evidence
 */
public record AttestationPolicy(
    Set<String> kinds,
    Map<String, PublicKey> launchers,
    Map<Integer, String> nitroPcrs,
    boolean nitroAllowDebug,
    boolean nitroTpm,
    Map<Integer, String> nitroTpmPcrs,
    Set<String> ec2Accounts,
    Set<String> ec2Regions,
    Map<String, List<String>> networkPins,
    Duration maxAge,
    Duration nonceTtl) {

  public static final String LOCAL = "local";
  public static final String NITRO = "nitro";
  public static final String EC2_IID = "ec2-iid";
  public static final String AGENTCORE = "agentcore";
  public static final String NETWORK = "network";
  public static final List<String> KINDS = List.of(LOCAL, NITRO, EC2_IID, AGENTCORE, NETWORK);
  /** The session-policy condition keys a network pin may use (StringEquals). */
  public static final List<String> PIN_KEYS = List.of("aws:SourceVpce", "aws:SourceVpc");

  static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);
  static final Duration DEFAULT_NONCE_TTL = Duration.ofSeconds(30);

  public AttestationPolicy {
    kinds = kinds == null || kinds.isEmpty() ? Set.of(LOCAL) : orderedCopy(kinds);
    for (String kind : kinds) {
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "unknown attestation kind '" + kind + "'; the kinds are " + KINDS);
      }
    }
    launchers = launchers == null ? Map.of() : Collections.unmodifiableMap(
        new LinkedHashMap<>(launchers));
    nitroPcrs = nitroPcrs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(nitroPcrs));
    nitroTpmPcrs = nitroTpmPcrs == null ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(nitroTpmPcrs));
    nitroPolicy(nitroPcrs, nitroAllowDebug, nitroTpm, nitroTpmPcrs); // refuses a malformed PCR now
    checkNitroTpm(kinds, nitroTpm, nitroTpmPcrs);
    ec2Accounts = ec2Accounts == null ? Set.of() : orderedCopy(ec2Accounts);
    for (String account : ec2Accounts) {
      if (!account.matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "EC2 account '" + account + "' is not a 12-digit AWS account id");
      }
    }
    ec2Regions = ec2Regions == null ? Set.of() : orderedCopy(ec2Regions);
    networkPins = networkPins == null ? Map.of() : pins(networkPins);
    if (kinds.contains(EC2_IID) && ec2Accounts.isEmpty()) {
      throw new IllegalArgumentException("ec2-iid attestation needs the AWS accounts to admit"
          + " (--ec2-account 123456789012): any account's instance has a genuine document");
    }
    if (kinds.contains(NETWORK) && networkPins.isEmpty()) {
      throw new IllegalArgumentException("network binding is no attestation: it needs network pins"
          + " (--network-pin aws:SourceVpce=vpce-...) that every session policy then requires");
    }
    maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
    if (maxAge.compareTo(Duration.ofMinutes(1)) < 0 || maxAge.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("attestation max age " + maxAge.toSeconds()
          + " s is out of range; use 60 s to 12 h");
    }
    nonceTtl = nonceTtl == null ? DEFAULT_NONCE_TTL : nonceTtl;
    if (nonceTtl.compareTo(Duration.ofSeconds(5)) < 0
        || nonceTtl.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("nonce lifetime " + nonceTtl.toSeconds()
          + " s is out of range; use 5 s to 5 min");
    }
  }

  /** A policy that admits no NitroTPM document (enclave documents only, for {@code nitro}). */
  public AttestationPolicy(
      Set<String> kinds,
      Map<String, PublicKey> launchers,
      Map<Integer, String> nitroPcrs,
      boolean nitroAllowDebug,
      Set<String> ec2Accounts,
      Set<String> ec2Regions,
      Map<String, List<String>> networkPins,
      Duration maxAge,
      Duration nonceTtl) {
    this(kinds, launchers, nitroPcrs, nitroAllowDebug, false, null, ec2Accounts, ec2Regions,
        networkPins, maxAge, nonceTtl);
  }

  /** Local attestation only, no launcher trusted yet, 10 min bindings, 30 s nonces. */
  public static AttestationPolicy defaults() {
    return new AttestationPolicy(null, null, null, false, null, null, null, null, null);
  }

  /** What the {@code nitro} verifier admits: enclave pins and debug mode, NitroTPM and its pins. */
  NitroPolicy nitroPolicy() {
    return nitroPolicy(nitroPcrs, nitroAllowDebug, nitroTpm, nitroTpmPcrs);
  }

  private static NitroPolicy nitroPolicy(Map<Integer, String> pcrs, boolean allowDebug,
      boolean tpm, Map<Integer, String> tpmPcrs) {
    NitroPolicy nitro = NitroPolicy.defaults().withDebugAllowed(allowDebug).withTpmAllowed(tpm);
    for (Map.Entry<Integer, String> pcr : pcrs.entrySet()) {
      nitro = nitro.withExpectedPcr(pcr.getKey(), pcr.getValue());
    }
    for (Map.Entry<Integer, String> pcr : tpmPcrs.entrySet()) {
      nitro = nitro.withExpectedTpmPcr(pcr.getKey(), pcr.getValue());
    }
    return nitro;
  }

  /**
   * NitroTPM documents are an explicit opt-in with at least one meaningful pin: a genuine one comes
   * from any NitroTPM instance of any AWS account, and its PCR0 and PCR1 hold AWS's firmware
   * values, the same on every instance.
   */
  private static void checkNitroTpm(Set<String> kinds, boolean tpm, Map<Integer, String> pins) {
    if (!tpm) {
      if (!pins.isEmpty()) {
        throw new IllegalArgumentException("NitroTPM PCRs are pinned (--nitro-tpm-pcr) but"
            + " NitroTPM documents are refused; add --nitro-tpm allow to admit attestable-AMI"
            + " instances, or drop the pins");
      }
      return;
    }
    if (!kinds.contains(NITRO)) {
      throw new IllegalArgumentException("--nitro-tpm allow admits NitroTPM documents as nitro"
          + " evidence; add nitro to --attestation");
    }
    boolean meaningful = pins.keySet().stream().anyMatch(index -> index != 0 && index != 1);
    if (!meaningful) {
      throw new IllegalArgumentException("--nitro-tpm allow needs the NitroTPM PCRs of your"
          + " attestable AMI (--nitro-tpm-pcr 4=HEX --nitro-tpm-pcr 12=HEX for standard boot, or"
          + " --nitro-tpm-pcr 7=HEX for Secure Boot; nitro-tpm-pcr-compute prints them): without"
          + " them any NitroTPM instance of any AWS account is admitted, and PCR0 and PCR1 are the"
          + " same on every instance");
    }
  }

  /** This policy, trusting one more launcher key for {@code local} evidence. */
  public AttestationPolicy withLauncher(PublicKey key) {
    Map<String, PublicKey> more = new LinkedHashMap<>(launchers);
    more.put(LauncherPublicKeys.id(key), key);
    return new AttestationPolicy(kinds, more, nitroPcrs, nitroAllowDebug, nitroTpm, nitroTpmPcrs,
        ec2Accounts, ec2Regions, networkPins, maxAge, nonceTtl);
  }

  /** This policy, accepting exactly {@code accepted}. */
  public AttestationPolicy withKinds(Set<String> accepted) {
    return new AttestationPolicy(accepted, launchers, nitroPcrs, nitroAllowDebug, nitroTpm,
        nitroTpmPcrs, ec2Accounts, ec2Regions, networkPins, maxAge, nonceTtl);
  }

  /** This policy with another binding lifetime. */
  public AttestationPolicy withMaxAge(Duration age) {
    return new AttestationPolicy(kinds, launchers, nitroPcrs, nitroAllowDebug, nitroTpm,
        nitroTpmPcrs, ec2Accounts, ec2Regions, networkPins, age, nonceTtl);
  }

  public boolean accepts(String kind) {
    return kinds.contains(kind);
  }

  private static Map<String, List<String>> pins(Map<String, List<String>> given) {
    Map<String, List<String>> pins = new TreeMap<>();
    for (Map.Entry<String, List<String>> pin : given.entrySet()) {
      if (!PIN_KEYS.contains(pin.getKey())) {
        throw new IllegalArgumentException("network pin key '" + pin.getKey()
            + "' is not supported; use one of " + PIN_KEYS);
      }
      List<String> values = pin.getValue();
      if (values == null || values.isEmpty()) {
        throw new IllegalArgumentException("network pin " + pin.getKey() + " has no value");
      }
      boolean endpoint = pin.getKey().equals("aws:SourceVpce");
      for (String value : values) {
        if (value == null || !value.matches((endpoint ? "vpce" : "vpc") + "-[0-9a-f]{8,17}")) {
          throw new IllegalArgumentException("network pin " + pin.getKey() + " value '" + value
              + "' is not " + (endpoint ? "a VPC endpoint id (vpce-0abc...)" : "a VPC id"
              + " (vpc-0abc...)"));
        }
      }
      pins.put(pin.getKey(), List.copyOf(values));
    }
    return Collections.unmodifiableMap(pins);
  }

  private static Set<String> orderedCopy(Set<String> values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  @Override
  public String toString() {
    return "AttestationPolicy[kinds=" + kinds + ", launchers=" + launchers.keySet()
        + ", nitroPcrs=" + nitroPcrs.keySet() + ", nitroAllowDebug=" + nitroAllowDebug
        + ", nitroTpm=" + nitroTpm + ", nitroTpmPcrs=" + nitroTpmPcrs.keySet()
        + ", ec2Accounts=" + ec2Accounts + ", ec2Regions=" + ec2Regions + ", networkPins="
        + networkPins + ", maxAge=" + maxAge + ", nonceTtl=" + nonceTtl + "]";
  }
}
