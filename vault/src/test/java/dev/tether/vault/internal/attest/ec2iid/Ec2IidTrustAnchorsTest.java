package dev.tether.vault.internal.attest.ec2iid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Ec2IidTrustAnchorsTest {

  final Ec2IidTrustAnchors anchors = Ec2IidTrustAnchors.bundled();

  @Test
  void bundlesOneRsa2048CertificatePerRegion() {
    assertThat(anchors.regions(SignatureFamily.RSA))
        .hasSize(39)
        .contains(
            "us-east-1",
            "us-west-2",
            "eu-central-1",
            "us-gov-west-1",
            "cn-north-1",
            "eusc-de-east-1",
            "mx-central-1");
    IidTrustAnchor usWest2 = anchors.find(SignatureFamily.RSA, "us-west-2");
    assertThat(usWest2.describe()).isEqualTo("rsa2048/us-west-2 (serial b64bde5ad00924cc)");
    assertThat(usWest2.notAfter()).isEqualTo(Instant.parse("2195-01-17T09:01:32Z"));
    // Each region its own key.
    assertThat(
            anchors.regions(SignatureFamily.RSA).stream()
                .map(region -> anchors.find(SignatureFamily.RSA, region).publicKey())
                .distinct())
        .hasSize(39);
  }

  @Test
  void theDsaCertificateServesOnlyTheRegionsAwsListsForIt() {
    IidTrustAnchor usEast1 = anchors.find(SignatureFamily.DSA, "us-east-1");
    assertThat(usEast1.describe()).isEqualTo("dsa/default-other-regions (serial 96ba48d9e55e1a67)");
    assertThat(usEast1.notAfter()).isEqualTo(Instant.parse("2038-01-05T12:56:12Z"));
    assertThat(anchors.regions(SignatureFamily.DSA)).hasSize(19).contains("us-gov-west-1");
    assertThat(anchors.find(SignatureFamily.DSA, "ap-east-1")).isNull();
    assertThat(anchors.missingHint(SignatureFamily.DSA, "ap-east-1"))
        .contains("a certificate of its own");
    assertThat(anchors.find(SignatureFamily.DSA, "mx-central-1")).isNull();
    assertThat(anchors.missingHint(SignatureFamily.DSA, "mx-central-1"))
        .contains("no DSA certificate is bundled");
    assertThat(anchors.missingHint(SignatureFamily.RSA, "xx-nowhere-1")).contains("regions-certs");
  }

  @Test
  void aCertificateThatDoesNotMatchItsPinStopsLoading() {
    assertThatThrownBy(() -> Ec2IidTrustAnchors.load("attestation/ec2-iid/bad-pin/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rsa2048/us-west-2.pem does not match its SHA-256");
  }

  @Test
  void aDsaCertificateListedAsRsaStopsLoading() {
    assertThatThrownBy(() -> Ec2IidTrustAnchors.load("attestation/ec2-iid/wrong-family/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not hold an RSA-2048 key");
  }
}
