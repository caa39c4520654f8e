package dev.tether.vault.internal.attest.nitro;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NitroRootTest {

  @Test
  void theBundledRootIsTheAwsRootByFingerprint() {
    NitroRoot root = NitroRoot.bundled();
    assertThat(
            HexFormat.of()
                .withUpperCase()
                .formatHex(NitroRoot.sha256(NitroRoot.encoded(root.certificate()))))
        .isEqualTo("641A0321A3E244EFE456463195D606317ED7CDCC3C1756E09893F3C68F79BB5B");
    assertThat(root.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=aws.nitro-enclaves,OU=AWS,O=Amazon,C=US");
    // The same bytes every real document carries as cabundle[0].
    for (String name : NitroVectors.DOCUMENTS) {
      assertThat(root.matches(DocumentSurgery.cabundleEntry(NitroVectors.document(name), 0)))
          .isTrue();
    }
  }

  @Test
  void anyOtherCertificateIsRefusedAsTheRoot() {
    // A real AWS certificate, but the regional one below the root.
    byte[] regional =
        DocumentSurgery.cabundleEntry(
            NitroVectors.document("blocky-nitrite_2024-09-07_us-east-1"), 1);
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(regional)
            + "\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> NitroRoot.fromPem(pem.getBytes(US_ASCII)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not the AWS Nitro Enclaves root G1 fingerprint 641A0321")
        .hasMessageContaining("refusing to verify");
  }

  @Test
  void anUnreadableRootIsRefused() {
    assertThatThrownBy(() -> NitroRoot.fromPem("not a certificate".getBytes(US_ASCII)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a readable X.509 certificate");
  }

  @Test
  void theVerifierStartsWithTheBundledRoot() {
    assertThat(new NitroVerifier(NitroPolicy.defaults()).kind()).isEqualTo("nitro");
  }
}
