package dev.tether.vault.internal.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.NonceRequest;
import dev.tether.vault.AttestationPolicy;
import dev.tether.vault.internal.attest.ec2iid.Ec2IidVerifier;
import dev.tether.vault.internal.attest.nitro.NitroPolicy;
import dev.tether.vault.internal.attest.nitro.NitroVerifier;
import dev.tether.vault.internal.attest.nitro.TestNitroPki;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Binding evidence to a workload key over a Vault nonce, for each kind, with real evidence where
 * it exists: the launcher's local statements, AWS-signed Nitro documents and EC2 identity
 * documents from ../shared/vectors.
 */
class AttestationsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final WorkloadKey KEY = WorkloadKey.generate();
  private static final String JKT = KEY.thumbprint();
  private static final String THIEF = WorkloadKey.generate().thumbprint();
  private static final LauncherKey LAUNCHER = LauncherKey.generate();

  /** A debug-mode enclave's document (us-east-2, 2021): nonce 20 bytes, user_data 64. */
  private static final String NITRO_DOC = "hf-nitrite-pr2_2021-10-28_us-east-2_debug";
  private static final Instant NITRO_AT = Instant.ofEpochMilli(1635440522077L);
  private static final String NITRO_NONCE =
      b64url(HexFormat.of().parseHex("54caa7fdd9c1de6f1206e4900d57b61eb759d628"));
  private static final String IID_ACCOUNT = "278576220453";

  @Test
  void localEvidenceFromTheLauncherBindsTheKeyThatAskedForTheNonce() throws Exception {
    Attestations attestations = attestations(policy(Set.of("local")));
    LocalAttestor launch = new LocalAttestor(LAUNCHER, "pid 7");
    String nonce = attestations.nonce(new NonceRequest("local"), JKT, NOW).nonce();

    Binding binding = attestations.bind(local(launch, nonce, JKT), JKT, NOW);

    assertThat(binding.kind()).isEqualTo("local");
    assertThat(binding.strength()).isEqualTo("development");
    assertThat(binding.freshUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(attestations.requireFresh(binding.id(), JKT, NOW.plusSeconds(599)).id())
        .isEqualTo(binding.id());
  }

  @Test
  void aNonceIsSingleUseShortLivedAndOnlyForItsKey() throws Exception {
    Attestations attestations = attestations(policy(Set.of("local")));
    LocalAttestor launch = new LocalAttestor(LAUNCHER, "pid 7");
    String nonce = attestations.nonce(new NonceRequest("local"), JKT, NOW).nonce();
    Evidence evidence = local(launch, nonce, JKT);

    assertRefused(() -> attestations.bind(evidence, THIEF, NOW), NonceBook.FOREIGN_KEY);
    attestations.bind(evidence, JKT, NOW); // the owner can still use it
    assertRefused(() -> attestations.bind(evidence, JKT, NOW), NonceBook.USED);
    assertRefused(
        () -> attestations.bind(new Evidence("local", "never-issued", "x"), JKT, NOW),
        NonceBook.UNKNOWN);

    String late = attestations.nonce(new NonceRequest("local"), JKT, NOW).nonce();
    assertRefused(() -> attestations.bind(local(launch, late, JKT), JKT, NOW.plusSeconds(31)),
        NonceBook.EXPIRED);
  }

  @Test
  void localEvidenceMustBeFromATrustedLauncherOverThisNonceForThisKey() throws Exception {
    Attestations attestations = attestations(policy(Set.of("local")));
    LocalAttestor stranger = new LocalAttestor(LauncherKey.generate(), "pid 8");
    assertRefused(() -> attestations.bind(
        local(stranger, nonce(attestations, "local"), JKT), JKT, NOW), "evidence_untrusted");

    LocalAttestor launch = new LocalAttestor(LAUNCHER, "pid 7");
    String nonce = nonce(attestations, "local");
    String other = nonce(attestations, "local");
    Evidence overOther = new Evidence("local", nonce, local(launch, other, JKT).document());
    assertRefused(() -> attestations.bind(overOther, JKT, NOW), "evidence_nonce_mismatch");

    LocalAttestor forThief = new LocalAttestor(LAUNCHER, "pid 9");
    String third = nonce(attestations, "local");
    assertRefused(() -> attestations.bind(local(forThief, third, THIEF), JKT, NOW),
        "evidence_key_mismatch");

    assertRefused(() -> attestations.bind(
        new Evidence("local", nonce(attestations, "local"), "tla1.garbage"), JKT, NOW),
        "evidence_malformed");
    assertRefused(() -> attestations.bind(null, JKT, NOW), Attestations.REQUIRED);
  }

  @Test
  void kindsTheVaultDoesNotListAreRefusedBeforeAnyNonce() {
    Attestations attestations = attestations(policy(Set.of("local")));
    for (String kind : List.of("nitro", "ec2-iid", "agentcore", "network", "tpm")) {
      assertRefused(() -> attestations.nonce(new NonceRequest(kind), JKT, NOW),
          Attestations.KIND_REFUSED);
    }
  }

  @Test
  void aRealNitroDocumentOverTheNonceStillNeedsTheWorkloadKeyInItsUserData() throws Exception {
    Attestations attestations = attestations(
        new AttestationPolicy(Set.of("nitro"), null, null, true, null, null, null, null, null));
    attestations.nonces().issueChosen(NITRO_NONCE, JKT, NITRO_AT);

    // Genuine, signed by AWS, over the nonce: but its user_data is not this key's thumbprint.
    assertRefused(() -> attestations.bind(nitro(NITRO_NONCE), JKT, NITRO_AT),
        "evidence_key_mismatch");

    String other = b64url(new byte[20]);
    attestations.nonces().issueChosen(other, JKT, NITRO_AT);
    assertRefused(() -> attestations.bind(nitro(other), JKT, NITRO_AT),
        "evidence_nonce_mismatch");
  }

  @Test
  void nitroDocumentsAreVerifiedAtTheVaultsClockAndUnderItsPolicy() throws Exception {
    Attestations strict = attestations(policy(Set.of("nitro")));
    strict.nonces().issueChosen(NITRO_NONCE, JKT, NITRO_AT);
    assertRefused(() -> strict.bind(nitro(NITRO_NONCE), JKT, NITRO_AT), "evidence_policy");

    Attestations today = attestations(
        new AttestationPolicy(Set.of("nitro"), null, null, true, null, null, null, null, null));
    today.nonces().issueChosen(NITRO_NONCE, JKT, NOW);
    assertRefused(() -> today.bind(nitro(NITRO_NONCE), JKT, NOW), "evidence_expired");

    String nonce = nonce(today, "nitro");
    assertRefused(() -> today.bind(new Evidence("nitro", nonce, "%%%"), JKT, NOW),
        "evidence_malformed");
  }

  @Test
  void aNitroTpmDocumentBindsAsMeasuredBootAndRenewsOnlyFromTheSameInstance() throws Exception {
    // Signed by a test PKI to AWS's published format: no real NitroTPM document was available.
    TestNitroPki pki = TestNitroPki.issuedAt(NOW);
    NitroPolicy admitted = NitroPolicy.defaults().withTpmAllowed(true)
        .withExpectedTpmPcr(4, TestNitroPki.pcrHex(4));
    AttestationPolicy policy = new AttestationPolicy(Set.of("nitro"), null, null, false, true,
        Map.of(4, TestNitroPki.pcrHex(4)), null, null, null, null, null);
    Attestations attestations = new Attestations(policy, pki.verifier(admitted),
        new Ec2IidVerifier(), Duration.ofHours(12));

    String nonce = nonce(attestations, "nitro");
    Binding binding = attestations.bind(tpm(pki.tpmDocument(), nonce, JKT), JKT, NOW);
    assertThat(binding.kind()).isEqualTo("nitro");
    assertThat(binding.strength()).isEqualTo(Attestations.MEASURED_BOOT).isEqualTo("measured-boot");

    Instant later = NOW.plusSeconds(300);
    Binding renewed = attestations.renew(binding.id(),
        tpm(pki.tpmDocument().dated(later), nonce(attestations, "nitro", later), JKT), JKT, later);
    assertThat(renewed.strength()).isEqualTo("measured-boot");
    assertThat(renewed.attestedAt()).isEqualTo(later);

    TestNitroPki.Document otherInstance = pki.tpmDocument().dated(later)
        .with("module_id", new dev.tether.core.cbor.CborTextString("i-0ffff-tpm0000000000000001"));
    assertRefused(() -> attestations.renew(binding.id(),
        tpm(otherInstance, nonce(attestations, "nitro", later), JKT), JKT, later),
        "evidence_policy");
    assertRefused(() -> attestations.bind(
        tpm(pki.tpmDocument(), nonce(attestations, "nitro"), THIEF), JKT, NOW),
        "evidence_key_mismatch");

    // The same document under a Vault that admits enclave documents only.
    Attestations enclaveOnly = new Attestations(policy(Set.of("nitro")),
        pki.verifier(NitroPolicy.defaults()), new Ec2IidVerifier(), Duration.ofHours(12));
    String refusedNonce = nonce(enclaveOnly, "nitro");
    assertRefused(() -> enclaveOnly.bind(tpm(pki.tpmDocument(), refusedNonce, JKT), JKT, NOW),
        "evidence_policy");
  }

  @Test
  void anEc2IdentityDocumentBindsWithoutANonceOfItsOwnWhenItsAccountIsAdmitted()
      throws Exception {
    Attestations attestations = attestations(new AttestationPolicy(
        Set.of("ec2-iid"), null, null, false, Set.of(IID_ACCOUNT), Set.of("us-west-2"), null,
        null, null));

    Binding binding = attestations.bind(iid(nonce(attestations, "ec2-iid")), JKT, NOW);
    assertThat(binding.strength()).isEqualTo("instance-identity");

    Attestations otherAccount = attestations(new AttestationPolicy(
        Set.of("ec2-iid"), null, null, false, Set.of("123456789012"), null, null, null, null));
    assertRefused(() -> otherAccount.bind(iid(nonce(otherAccount, "ec2-iid")), JKT, NOW),
        "evidence_policy");
    Attestations otherRegion = attestations(new AttestationPolicy(
        Set.of("ec2-iid"), null, null, false, Set.of(IID_ACCOUNT), Set.of("eu-west-1"), null,
        null, null));
    assertRefused(() -> otherRegion.bind(iid(nonce(otherRegion, "ec2-iid")), JKT, NOW),
        "evidence_policy");
  }

  @Test
  void anAgentCoreTokenBindsOneKeyOnly() throws Exception {
    Attestations attestations = attestations(policy(Set.of("agentcore")));
    Binding binding = attestations.bind(
        new Evidence("agentcore", nonce(attestations, "agentcore"), "awt-opaque-1"), JKT, NOW);
    assertThat(binding.strength()).isEqualTo("opaque-platform-token");

    assertRefused(() -> attestations.bind(
        new Evidence("agentcore", attestations.nonce(new NonceRequest("agentcore"), THIEF, NOW)
            .nonce(), "awt-opaque-1"), THIEF, NOW), "evidence_key_mismatch");
    // The runtime refreshes its token: the binding renews with the new one.
    Binding renewed = attestations.renew(binding.id(),
        new Evidence("agentcore", nonce(attestations, "agentcore", NOW.plusSeconds(300)),
            "awt-opaque-2"), JKT, NOW.plusSeconds(300));
    assertThat(renewed.attestedAt()).isEqualTo(NOW.plusSeconds(300));
    assertRefused(() -> attestations.bind(
        new Evidence("agentcore", nonce(attestations, "agentcore"), "bad token\n"), JKT, NOW),
        "evidence_malformed");
  }

  @Test
  void networkBindingNeedsNoDocumentAndIsMarkedAsNetworkOnly() throws Exception {
    Attestations attestations = attestations(new AttestationPolicy(Set.of("network"), null, null,
        false, null, null, Map.of("aws:SourceVpce", List.of("vpce-0abc1234def567890")), null,
        null));
    Binding binding =
        attestations.bind(new Evidence("network", nonce(attestations, "network"), ""), JKT, NOW);
    assertThat(binding.strength()).isEqualTo("network-only");
    assertRefused(() -> attestations.bind(
        new Evidence("network", nonce(attestations, "network"), "something"), JKT, NOW),
        "evidence_malformed");
  }

  @Test
  void aBindingGoesStaleUnlessRenewedByTheSameWorkloadWithTheSameKindAndKey() throws Exception {
    Attestations attestations = attestations(policy(Set.of("local", "agentcore")));
    LocalAttestor launch = new LocalAttestor(LAUNCHER, "pid 7");
    Binding binding = attestations.bind(local(launch, nonce(attestations, "local"), JKT), JKT, NOW);
    Instant later = NOW.plus(Duration.ofMinutes(11));

    assertRefused(() -> attestations.requireFresh(binding.id(), JKT, later), Attestations.STALE);
    assertRefused(() -> attestations.requireFresh(binding.id(), THIEF, NOW),
        "evidence_key_mismatch");
    assertRefused(() -> attestations.requireFresh("b-unknown", JKT, NOW),
        Attestations.UNKNOWN_BINDING);
    assertRefused(() -> attestations.requireFresh(null, JKT, NOW), Attestations.REQUIRED);

    LocalAttestor otherProcess = new LocalAttestor(LAUNCHER, "pid 8");
    assertRefused(() -> attestations.renew(binding.id(),
        local(otherProcess, nonce(attestations, "local", later), JKT), JKT, later),
        "evidence_policy");
    assertRefused(() -> attestations.renew(binding.id(),
        new Evidence("agentcore", nonce(attestations, "agentcore", later), "awt"), JKT, later),
        Attestations.KIND_REFUSED);

    Binding renewed = attestations.renew(binding.id(),
        local(launch, nonce(attestations, "local", later), JKT), JKT, later);
    assertThat(renewed.id()).isEqualTo(binding.id());
    assertThat(attestations.requireFresh(binding.id(), JKT, later).attestedAt()).isEqualTo(later);
  }

  // --- helpers ---

  private static AttestationPolicy policy(Set<String> kinds) {
    return new AttestationPolicy(kinds, null, null, false, null, null, null, null, null)
        .withLauncher(LAUNCHER.publicKey());
  }

  private static Attestations attestations(AttestationPolicy policy) {
    NitroPolicy nitro = NitroPolicy.defaults().withDebugAllowed(policy.nitroAllowDebug());
    return new Attestations(policy, new NitroVerifier(nitro), new Ec2IidVerifier(),
        Duration.ofHours(12));
  }

  private static String nonce(Attestations attestations, String kind) throws ExchangeRefused {
    return nonce(attestations, kind, NOW);
  }

  private static String nonce(Attestations attestations, String kind, Instant at)
      throws ExchangeRefused {
    return attestations.nonce(new NonceRequest(kind), JKT, at).nonce();
  }

  private static Evidence local(LocalAttestor launch, String nonce, String jkt) throws Exception {
    return new Evidence("local", nonce,
        launch.evidence(launch.ticket(), nonce, jkt, NOW.getEpochSecond()));
  }

  private static Evidence nitro(String nonce) {
    return new Evidence("nitro", nonce, Base64.getEncoder().encodeToString(
        resource("attestation/nitro/docs/" + NITRO_DOC + ".cbor")));
  }

  /** A NitroTPM document over the Vault nonce, with {@code jkt}'s 32 bytes as user_data. */
  private static Evidence tpm(TestNitroPki.Document document, String nonce, String jkt) {
    byte[] signed = document
        .withBytes("nonce", Base64.getUrlDecoder().decode(nonce))
        .withBytes("user_data", Base64.getUrlDecoder().decode(jkt))
        .signed();
    return new Evidence("nitro", nonce, Base64.getEncoder().encodeToString(signed));
  }

  private static Evidence iid(String nonce) {
    return new Evidence("ec2-iid", nonce, new String(resource(
        "attestation/ec2-iid/teleport-instance1_2021-09-03_us-west-2.rsa2048.b64"),
        StandardCharsets.US_ASCII));
  }

  private static byte[] resource(String path) {
    try (InputStream in = AttestationsTest.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " missing from test resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void assertRefused(ThrowingSupplier<?> call, String code) {
    assertThatThrownBy(call::get)
        .isInstanceOfSatisfying(ExchangeRefused.class,
            e -> assertThat(e.error().error()).as(e.getMessage()).isEqualTo(code))
        .hasMessageNotContaining("awt-opaque");
  }
}
