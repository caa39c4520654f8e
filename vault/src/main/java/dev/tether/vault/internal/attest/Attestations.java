package dev.tether.vault.internal.attest;

import dev.tether.core.attest.LocalEvidence;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.attest.LocalStatement;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.NonceRequest;
import dev.tether.vault.AttestationPolicy;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceVerifier;
import dev.tether.vault.attest.VerifiedEvidence;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.attest.nitro.NitroVerifier;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.state.MemoryStore;
import dev.tether.vault.internal.state.RecordCodec;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.VaultStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Binds workload keys to attestation evidence: issues nonces, verifies evidence of each accepted
 * kind over a nonce issued to the presenting key, records the binding, renews it on
 * re-attestation, and answers whether a binding is still fresh before each exchange.
 */
public final class Attestations {

  public static final String REQUIRED = "attestation_required";
  public static final String KIND_REFUSED = "attestation_kind_refused";
  public static final String STALE = "attestation_stale";
  public static final String UNKNOWN_BINDING = "attestation_unknown";

  /** How far a workload's clock (or AWS's) may run ahead of the Vault's. */
  static final Duration SKEW = Duration.ofSeconds(30);
  static final int MAX_PLATFORM_TOKEN = 8192;

  /** The strength of a binding made with a NitroTPM document, {@value}. */
  public static final String MEASURED_BOOT = "measured-boot";

  /** AgentCore token hash to the one key it may bind, as long as a binding can live. */
  private static final RecordKind<String> PLATFORM_TOKEN_KEYS =
      RecordKind.of("agentcore-token", new KeyCodec(), 0);

  private final AttestationPolicy policy;
  private final NonceBook nonces;
  private final BindingRegistry bindings;
  private final EvidenceVerifier nitro;
  private final EvidenceVerifier ec2;
  private final Duration forgetAfter;
  private final VaultStore store;

  /**
   * Nonces and bindings in this process only.
   *
   * @param forgetAfter how long after its last attestation a binding is kept (the longest task
   *     token's life)
   */
  public Attestations(
      AttestationPolicy policy, EvidenceVerifier nitro, EvidenceVerifier ec2, Duration forgetAfter) {
    this(policy, nitro, ec2, forgetAfter, new MemoryStore(Clock.systemUTC()));
  }

  /** Nonces, bindings and AgentCore token keys in {@code store}, shared by replicas. */
  public Attestations(
      AttestationPolicy policy, EvidenceVerifier nitro, EvidenceVerifier ec2, Duration forgetAfter,
      VaultStore store) {
    this.policy = policy;
    this.nonces = new NonceBook(policy.nonceTtl(), store);
    this.bindings = new BindingRegistry(store);
    this.nitro = nitro;
    this.ec2 = ec2;
    this.forgetAfter = forgetAfter;
    this.store = store;
  }

  public AttestationPolicy policy() {
    return policy;
  }

  NonceBook nonces() {
    return nonces;
  }

  /** A nonce for {@code keyThumbprint}, if the Vault accepts the evidence kind it announces. */
  public AttestationNonce nonce(NonceRequest request, String keyThumbprint, Instant now)
      throws ExchangeRefused {
    requireAccepted(request.kind());
    return new AttestationNonce(nonces.issue(keyThumbprint, now), nonces.expiry(now));
  }

  /** Verifies evidence and records a new binding for {@code keyThumbprint}. */
  public Binding bind(Evidence evidence, String keyThumbprint, Instant now) throws ExchangeRefused {
    if (evidence == null) {
      throw new ExchangeRefused(403, REQUIRED,
          "redemption needs attestation evidence over a Vault nonce; this Vault accepts "
              + policy.kinds() + " (set the agent's attestation.provider)");
    }
    Attested attested = verify(evidence, keyThumbprint, now);
    BindingRecord record = new BindingRecord(
        RandomTokens.id("b-"), evidence.kind(), attested.strength(), keyThumbprint,
        attested.workload(), now, now.plus(policy.maxAge()),
        now.plus(forgetAfter).plus(policy.maxAge()));
    bindings.add(record, now);
    return wire(record);
  }

  /**
   * Renews binding {@code bindingId} with fresh evidence of the same kind, for the same key and
   * the same workload.
   */
  public Binding renew(String bindingId, Evidence evidence, String keyThumbprint, Instant now)
      throws ExchangeRefused {
    BindingRecord record = known(bindingId, keyThumbprint);
    if (!record.kind().equals(evidence.kind())) {
      throw new ExchangeRefused(403, KIND_REFUSED,
          "binding " + bindingId + " was made with " + record.kind() + " evidence; re-attest with"
              + " the same kind (" + evidence.kind() + " given)");
    }
    String workload = verify(evidence, keyThumbprint, now).workload();
    // An AgentCore token is refreshed by the runtime; every other kind names a stable workload.
    if (!record.kind().equals(AttestationPolicy.AGENTCORE) && !record.workload().equals(workload)) {
      throw new ExchangeRefused(403, EvidenceRefused.Reason.POLICY.code(),
          "the evidence is of another workload (" + workload + ") than binding " + bindingId
              + " (" + record.workload() + "); a binding cannot move between workloads");
    }
    BindingRecord renewed = record.renewed(now, now.plus(policy.maxAge()));
    if (!bindings.renew(record, renewed)) {
      // A concurrent renewal won, at this replica or another: it is at least as fresh.
      renewed = known(bindingId, keyThumbprint);
    }
    return wire(renewed);
  }

  /**
   * Checks, before an exchange, that the chain's binding exists, is for the proof's key and is
   * fresh.
   *
   * @return the binding, for its kind
   */
  public Binding requireFresh(String bindingId, String keyThumbprint, Instant now)
      throws ExchangeRefused {
    if (bindingId == null) {
      throw new ExchangeRefused(403, REQUIRED,
          "the token's task carries no attestation binding; redeem the grant with evidence");
    }
    BindingRecord record = known(bindingId, keyThumbprint);
    if (now.isAfter(record.freshUntil())) {
      throw new ExchangeRefused(403, STALE,
          "attestation binding " + bindingId + " was last attested at " + record.attestedAt()
              + ", more than " + policy.maxAge().toSeconds() + " s ago; re-attest (POST"
              + " /v1/attestations) and retry");
    }
    return wire(record);
  }

  /**
   * Asks every workload to attest again: each binding goes stale now, so the next exchange is
   * refused as {@code attestation_stale} until fresh evidence renews it.
   *
   * @return how many bindings were fresh until now
   */
  public int requireReattestation(Instant now) {
    return bindings.expireAll(now);
  }

  private BindingRecord known(String bindingId, String keyThumbprint) throws ExchangeRefused {
    BindingRecord record = bindings.get(bindingId);
    if (record == null) {
      throw new ExchangeRefused(403, UNKNOWN_BINDING,
          "attestation binding " + clip(bindingId) + " is unknown to this Vault (made by"
              + " another Vault, or forgotten after its task ended); redeem a new grant");
    }
    if (!record.keyThumbprint().equals(keyThumbprint)) {
      throw new ExchangeRefused(403, EvidenceRefused.Reason.KEY_MISMATCH.code(),
          "attestation binding " + bindingId + " is for another workload key");
    }
    return record;
  }

  /**
   * What verified evidence says of its workload.
   *
   * @param workload the workload's identity in the platform's terms
   * @param strength what the evidence proves, recorded with the binding
   */
  private record Attested(String workload, String strength) {}

  private Attested verify(Evidence evidence, String keyThumbprint, Instant now)
      throws ExchangeRefused {
    requireAccepted(evidence.kind());
    nonces.consume(evidence.nonce(), keyThumbprint, now);
    try {
      switch (evidence.kind()) {
        case AttestationPolicy.LOCAL:
          return new Attested(local(evidence, keyThumbprint, now), "development");
        case AttestationPolicy.NITRO:
          return nitro(evidence, keyThumbprint, now);
        case AttestationPolicy.EC2_IID:
          return new Attested(ec2(evidence, now), "instance-identity");
        case AttestationPolicy.AGENTCORE:
          return new Attested(agentCore(evidence, keyThumbprint), "opaque-platform-token");
        default:
          return new Attested(network(evidence), "network-only");
      }
    } catch (EvidenceRefused refused) {
      throw new ExchangeRefused(403, refused.reason().code(),
          evidence.kind() + " evidence refused: " + refused.getMessage());
    }
  }

  private String local(Evidence evidence, String keyThumbprint, Instant now)
      throws EvidenceRefused {
    if (policy.launchers().isEmpty()) {
      throw new EvidenceRefused(EvidenceRefused.Reason.UNTRUSTED,
          "this Vault trusts no launcher key; give the launcher's public key with"
              + " --local-attestor-key FILE.pub");
    }
    LocalStatement statement;
    try {
      statement = LocalEvidence.verify(evidence.document(), policy.launchers());
    } catch (LocalEvidenceException e) {
      throw new EvidenceRefused(switch (e.reason()) {
        case MALFORMED -> EvidenceRefused.Reason.MALFORMED;
        case UNTRUSTED -> EvidenceRefused.Reason.UNTRUSTED;
        case BAD_SIGNATURE -> EvidenceRefused.Reason.BAD_SIGNATURE;
      }, e.getMessage());
    }
    if (!statement.nonce().equals(evidence.nonce())) {
      throw new EvidenceRefused(EvidenceRefused.Reason.NONCE_MISMATCH,
          "the launcher's statement is over another nonce than the one presented");
    }
    if (!statement.keyThumbprint().equals(keyThumbprint)) {
      throw new EvidenceRefused(EvidenceRefused.Reason.KEY_MISMATCH,
          "the launcher vouched for workload key " + statement.keyThumbprint()
              + ", not for the key that signed this request");
    }
    checkFresh(Instant.ofEpochSecond(statement.issuedAt()), now, "the launcher's statement");
    return "launcher " + statement.launcher() + " " + statement.workload();
  }

  private Attested nitro(Evidence evidence, String keyThumbprint, Instant now)
      throws EvidenceRefused {
    byte[] document = base64(evidence.document(), "a Nitro attestation document (base64)");
    VerifiedEvidence verified = nitro.verify(document, now.plus(SKEW));
    if (!Arrays.equals(verified.nonce(), base64Url(evidence.nonce()))) {
      throw new EvidenceRefused(EvidenceRefused.Reason.NONCE_MISMATCH,
          "the document's nonce is not the Vault nonce presented; pass the nonce's bytes to the"
              + " NSM as 'nonce' (nitro-tpm-attest --nonce FILE on a NitroTPM instance)");
    }
    if (!Arrays.equals(verified.userData(), base64Url(keyThumbprint))) {
      throw new EvidenceRefused(EvidenceRefused.Reason.KEY_MISMATCH,
          "the document's user_data is not the 32-byte thumbprint of the key that signed this"
              + " request; pass it to the NSM as 'user_data' (nitro-tpm-attest --user-data FILE on"
              + " a NitroTPM instance)");
    }
    checkFresh(verified.issuedAt(), now, "the attestation document");
    // An enclave's image is isolated by Nitro; a NitroTPM instance's measured boot is not. The
    // workload names the producer too, so that a binding never renews across the two.
    if (NitroVerifier.NITRO_TPM.equals(verified.fields().get(NitroVerifier.DOCUMENT_FIELD))) {
      return new Attested(NitroVerifier.NITRO_TPM + " " + verified.workload(), MEASURED_BOOT);
    }
    return new Attested("enclave " + verified.workload(), "hardware");
  }

  private String ec2(Evidence evidence, Instant now) throws EvidenceRefused {
    VerifiedEvidence verified =
        ec2.verify(evidence.document().getBytes(StandardCharsets.UTF_8), now);
    String account = verified.fields().get("accountId");
    String region = verified.fields().get("region");
    if (!policy.ec2Accounts().contains(account)) {
      throw new EvidenceRefused(EvidenceRefused.Reason.POLICY,
          "instance " + verified.workload() + " belongs to account " + account + ", which the"
              + " Vault does not admit (--ec2-account)");
    }
    if (!policy.ec2Regions().isEmpty() && !policy.ec2Regions().contains(region)) {
      throw new EvidenceRefused(EvidenceRefused.Reason.POLICY,
          "instance " + verified.workload() + " runs in " + region + ", which the Vault does not"
              + " admit (--ec2-region " + policy.ec2Regions() + ")");
    }
    // No nonce, no key in the document: freshness is the nonce spent with this key's proof.
    return "instance " + verified.workload() + " account " + account;
  }

  private String agentCore(Evidence evidence, String keyThumbprint) throws EvidenceRefused {
    String token = evidence.document();
    if (token.isEmpty() || token.length() > MAX_PLATFORM_TOKEN || !printable(token)) {
      throw new EvidenceRefused(EvidenceRefused.Reason.MALFORMED,
          "an AgentCore workload access token must be 1 to " + MAX_PLATFORM_TOKEN
              + " printable characters");
    }
    String hash = PopProofs.tokenHash(token); // base64url(SHA-256): only the hash is kept
    String owner = store.putIfAbsent(PLATFORM_TOKEN_KEYS, hash, keyThumbprint,
        forgetAfter.plus(policy.maxAge()));
    if (owner != null && !owner.equals(keyThumbprint)) {
      throw new EvidenceRefused(EvidenceRefused.Reason.KEY_MISMATCH,
          "this AgentCore workload access token is bound to another workload key already; a"
              + " token binds one key");
    }
    return "agentcore token sha256:" + hash.substring(0, 16);
  }

  private String network(Evidence evidence) throws EvidenceRefused {
    if (!evidence.document().isEmpty()) {
      throw new EvidenceRefused(EvidenceRefused.Reason.MALFORMED,
          "network binding carries no evidence document; send an empty one");
    }
    return "network " + policy.networkPins();
  }

  private void requireAccepted(String kind) throws ExchangeRefused {
    if (!policy.accepts(kind)) {
      throw new ExchangeRefused(403, KIND_REFUSED,
          "this Vault does not accept " + clip(kind) + " attestation; it accepts "
              + policy.kinds() + " (the agent's attestation.provider, the Vault's --attestation)");
    }
  }

  private static void checkFresh(Instant issuedAt, Instant now, String what)
      throws EvidenceRefused {
    if (issuedAt.isAfter(now.plus(SKEW))) {
      throw new EvidenceRefused(EvidenceRefused.Reason.NOT_YET_VALID,
          what + " is dated " + issuedAt + ", ahead of the Vault's clock (" + now
              + ") by more than " + SKEW.toSeconds() + " s; check the clocks");
    }
  }

  private static Binding wire(BindingRecord record) {
    return new Binding(record.id(), record.kind(), record.strength(), record.attestedAt(),
        record.freshUntil());
  }

  private static byte[] base64(String text, String what) throws EvidenceRefused {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new EvidenceRefused(EvidenceRefused.Reason.MALFORMED, "the evidence is not " + what);
    }
  }

  private static byte[] base64Url(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return new byte[0]; // matches no document field
    }
  }

  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static String clip(String text) {
    return dev.tether.core.json.SafeName.of(text);
  }

  /** The key thumbprint as it is (base64url: nothing to escape). */
  private static final class KeyCodec implements RecordCodec<String> {
    @Override
    public String encode(String keyThumbprint) {
      return keyThumbprint;
    }

    @Override
    public String decode(String text) {
      return text;
    }
  }
}
