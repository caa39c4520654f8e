package dev.tether.vault.internal.attest.ec2iid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.attest.VerifiedEvidence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Ec2IidVerifierTest {

  /** Any instant inside every certificate's validity (DSA: 2012-2038, RSA: 2015-2195). */
  static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

  final Ec2IidVerifier verifier = new Ec2IidVerifier();

  @Test
  void readsItsCertificatesAtTheFirstDocumentNotWhenBuilt() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Ec2IidVerifier lazy =
        new Ec2IidVerifier(
            () -> {
              reads.incrementAndGet();
              return Ec2IidTrustAnchors.bundled();
            });
    assertThat(reads).as("a Vault that does not accept ec2-iid never reads them").hasValue(0);

    IidVectors vector = IidVectors.values()[0];
    assertThat(lazy.verify(vector.evidence(), NOW).kind()).isEqualTo("ec2-iid");
    assertThat(reads).hasValue(1);
    assertThat(lazy.loadTrustAnchors()).isSameAs(lazy);
    assertThat(reads).hasValue(2);
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void verifiesWithItsRegionCertificate(IidVectors vector) throws Exception {
    VerifiedEvidence evidence = verifier.verify(vector.evidence(), NOW);

    JsonNode expected = vector.expected();
    assertThat(evidence.kind()).isEqualTo("ec2-iid");
    assertThat(evidence.workload()).isEqualTo(expected.at("/expected/instanceId").asText());
    assertThat(evidence.issuedAt()).isEqualTo(vector.pendingTime());
    assertThat(evidence.nonce()).isNull();
    assertThat(evidence.publicKey()).isNull();
    assertThat(evidence.userData()).isNull();
    // Every non-null field AWS signed is there, with its value; null fields are left out.
    for (Map.Entry<String, JsonNode> field : expected.path("expected").properties()) {
      if (field.getValue().isNull()) {
        assertThat(evidence.fields()).doesNotContainKey(field.getKey());
      } else {
        assertThat(evidence.fields()).containsEntry(field.getKey(), field.getValue().asText());
      }
    }
    String serial = expected.at("/pkcs7/signer_serial").asText();
    String certificate = expected.at("/verify_with/certificate_file").asText();
    assertThat(evidence.fields().get("signature.certificate"))
        .isEqualTo(
            certificate.substring("certs/".length(), certificate.length() - ".pem".length())
                + " (serial "
                + new java.math.BigInteger(serial).toString(16)
                + ")");
    assertThat(evidence.fields().get("signature.algorithm"))
        .isEqualTo(vector.isDsa() ? "DSA/SHA-1" : "RSA-2048/SHA-256");
    assertThat(evidence.fields()).containsKey("signature.signingTime");
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void signedContentIsTheDocumentByteForByte(IidVectors vector) throws Exception {
    assertThat(IidSignedData.parse(vector.der()).content()).isEqualTo(vector.document());
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void verifiesAtPendingTimeAndAtSigningTime(IidVectors vector) throws Exception {
    VerifiedEvidence evidence = verifier.verify(vector.evidence(), vector.pendingTime());
    Instant signingTime = Instant.parse(evidence.fields().get("signature.signingTime"));
    assertThat(signingTime).isBetween(vector.pendingTime(), vector.pendingTime().plusSeconds(60));
    assertThat(verifier.verify(vector.evidence(), signingTime).workload())
        .isEqualTo(evidence.workload());
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void acceptsImdsTextPemAndAnyLineBreaks(IidVectors vector) throws Exception {
    byte[] der = vector.der();
    String bare = new String(IidVectors.imdsText(der), StandardCharsets.US_ASCII);
    String oneLine = bare.replace("\n", "");
    for (String text :
        new String[] {
          bare,
          oneLine,
          bare.replace("\n", "\r\n") + "\r\n",
          "-----BEGIN PKCS7-----\n" + bare + "\n-----END PKCS7-----\n",
          "  -----BEGIN PKCS7-----" + oneLine + "-----END PKCS7-----  ",
        }) {
      assertThat(verifier.verify(text.getBytes(StandardCharsets.US_ASCII), NOW).workload())
          .isEqualTo(vector.expected().at("/expected/instanceId").asText());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = IidVectors.class,
      names = {"RSA_US_WEST_2", "RSA_US_WEST_1"})
  void rsaDocumentFailsWithEveryOtherRegionsCertificate(IidVectors vector) {
    Set<String> regions = Ec2IidTrustAnchors.bundled().regions(SignatureFamily.RSA);
    assertThat(regions).hasSize(39).contains(vector.region);
    for (String region : regions) {
      if (!region.equals(vector.region)) {
        EvidenceRefused refused = refusal(() -> verifier.verify(vector.evidence(), NOW, region));
        assertThat(refused.reason()).as(region).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refused.getMessage()).contains("rsa2048/" + region);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = IidVectors.class,
      names = {"RSA_US_WEST_2", "RSA_US_WEST_1"})
  void rsaSignatureItselfFailsUnderAnotherRegionsKey(IidVectors vector) throws Exception {
    // Not only the serial check: the RSA signature does not verify with the other key.
    String other = vector.region.equals("us-west-2") ? "us-west-1" : "us-west-2";
    IidTrustAnchor anchor = Ec2IidTrustAnchors.bundled().find(SignatureFamily.RSA, other);
    assertThat(
            SignatureCheck.verifies(IidSignedData.parse(vector.der()).signer(), anchor.publicKey()))
        .isFalse();
  }

  @Test
  void dsaDocumentIsRefusedWhereAwsUsesAnotherDsaCertificate() {
    // Every bundled DSA region shares AWS's one "other regions" certificate, so "another
    // region's DSA certificate" is one Tether does not bundle: the document cannot be trusted.
    EvidenceRefused refused =
        refusal(() -> verifier.verify(IidVectors.DSA_US_EAST_1.evidence(), NOW, "ap-east-1"));
    assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED);
    assertThat(refused.getMessage())
        .contains("ap-east-1")
        .contains("DSA/SHA-1")
        .contains("i-f79fe56c")
        .contains("/rsa2048");
  }

  @Test
  void dsaSignatureFailsUnderAnotherDsaKey() throws Exception {
    // The DSA signature check itself, with another DSA key of the same size.
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("DSA");
    generator.initialize(1024);
    assertThat(
            SignatureCheck.verifies(
                IidSignedData.parse(IidVectors.DSA_US_EAST_1.der()).signer(),
                generator.generateKeyPair().getPublic()))
        .isFalse();
  }

  @Test
  void unknownRegionIsUntrusted() {
    EvidenceRefused refused =
        refusal(() -> verifier.verify(IidVectors.RSA_US_WEST_2.evidence(), NOW, "xx-nowhere-1"));
    assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED);
    assertThat(refused.getMessage())
        .contains("xx-nowhere-1")
        .contains("RSA-2048/SHA-256")
        .contains("i-078517ca8a70a1dde");
    assertThat(
            refusal(() -> verifier.verify(IidVectors.RSA_US_WEST_2.evidence(), NOW, "../x"))
                .getMessage())
        .contains("<not a region name>");
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void regionCertificateMustBeValidAtTheVerificationInstant(IidVectors vector) {
    EvidenceRefused early =
        refusal(() -> verifier.verify(vector.evidence(), Instant.parse("2011-01-01T00:00:00Z")));
    assertThat(early.reason()).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(early.getMessage()).contains(vector.region).contains("2011-01-01T00:00:00Z");

    Instant late = Instant.parse(vector.isDsa() ? "2038-01-06T00:00:00Z" : "2196-01-01T00:00:00Z");
    EvidenceRefused expired = refusal(() -> verifier.verify(vector.evidence(), late));
    assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(expired.getMessage()).contains(vector.region).contains("expired");
  }

  @Test
  void dsaCertificateIsTheLongLivedButNotEternalOne() throws Exception {
    // AWS's DSA certificate ends 2038-01-05T12:56:12Z: the last second it verifies.
    Instant end = Instant.parse("2038-01-05T12:56:12Z");
    assertThat(verifier.verify(IidVectors.DSA_US_EAST_1.evidence(), end).workload())
        .isEqualTo("i-f79fe56c");
    assertThat(
            refusal(() -> verifier.verify(IidVectors.DSA_US_EAST_1.evidence(), end.plusSeconds(1)))
                .reason())
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void kindIsEc2Iid() {
    assertThat(verifier.kind()).isEqualTo("ec2-iid").isEqualTo(Ec2IidVerifier.KIND);
  }

  @Test
  void nullInstantIsAProgrammingError() {
    assertThatThrownBy(() -> verifier.verify(IidVectors.RSA_US_WEST_2.evidence(), null))
        .isInstanceOf(NullPointerException.class);
  }

  interface Verification {
    Object run() throws Exception;
  }

  static EvidenceRefused refusal(Verification verification) {
    EvidenceRefused refused = catchThrowableOfType(EvidenceRefused.class, () -> verification.run());
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.getMessage()).startsWith("EC2 instance identity document refused");
    return refused;
  }
}
