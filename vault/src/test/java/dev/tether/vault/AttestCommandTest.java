package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import dev.tether.vault.internal.attest.nitro.TestNitroPki;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attest verify} on the real AWS-signed documents of the test resources, and on a NitroTPM
 * document signed by a test PKI.
 */
class AttestCommandTest {

  private static final String NITRO =
      "src/test/resources/attestation/nitro/docs/hf-nitrite-pr2_2021-10-28_us-east-2_debug.cbor";
  private static final String NITRO_AT = "2021-10-28T17:02:02.077Z";
  private static final String IID =
      "src/test/resources/attestation/ec2-iid/teleport-instance1_2021-09-03_us-west-2.rsa2048.b64";
  private static final String IID_AT = "2021-09-03T12:00:00Z";
  private static final Instant TPM_AT = Instant.parse("2026-11-25T12:00:00Z");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aValidNitroDocumentPrintsItsFieldsAndExitsZero() {
    int code = run("attest", "verify", "--kind", "nitro", "--allow-debug", "--at", NITRO_AT, NITRO);

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("workload: i-0809849710bf1b61b-enc017cc45400406a27")
        .contains("debug: yes")
        .contains("nonce: 54caa7fdd9c1de6f1206e4900d57b61eb759d628 (20 bytes)")
        .endsWith("verdict: VALID\n");
  }

  @Test
  void refusalsPrintTheReasonAndExitOne() {
    assertThat(run("attest", "verify", "--kind", "nitro", "--allow-debug", "--at", "2026-11-25T00:00:00Z", NITRO))
        .isEqualTo(1);
    assertThat(out()).contains("verdict: REFUSED evidence_expired:");
    out.reset();

    assertThat(run("attest", "verify", "--kind", "nitro", "--at", NITRO_AT, NITRO)).isEqualTo(1);
    assertThat(out()).contains("verdict: REFUSED evidence_policy:");
  }

  @Test
  void anIdentityDocumentVerifiesWithItsRegionAndFailsWithAnother() {
    assertThat(run("attest", "verify", "--kind", "ec2-iid", "--at", IID_AT, IID)).as(out()).isZero();
    assertThat(out()).contains("verdict: VALID").contains("region: us-west-2");
    out.reset();

    assertThat(run("attest", "verify", "--kind", "ec2-iid", "--at", IID_AT, "--region", "eu-west-1", IID))
        .isEqualTo(1);
    assertThat(out()).contains("verdict: REFUSED evidence_bad_signature:");
  }

  @Test
  void aNitroTpmDocumentPrintsItsPcrsAndWhatTheVaultNeedsToAdmitIt(@TempDir Path dir)
      throws Exception {
    // Signed by a test PKI to AWS's published format: no real NitroTPM document was available.
    TestNitroPki pki = TestNitroPki.issuedAt(TPM_AT);
    Path document = Files.write(dir.resolve("tpm.cbor"), pki.tpmDocument().signed());
    String pcr4 = TestNitroPki.pcrHex(4);

    int code = runWith(pki, "attest", "verify", "--kind", "nitro", "--at", TPM_AT.toString(),
        "--tpm-pcr", "4=" + pcr4, document.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("workload: " + TestNitroPki.MODULE_ID)
        .contains("  document: nitro-tpm\n")
        .contains("  nitrotpm_pcr4: " + pcr4 + "\n")
        .contains("  nitrotpm_pcr12: " + TestNitroPki.pcrHex(12) + "\n")
        .contains("  nitrotpm_pcr23: " + "0".repeat(96) + "\n")
        .doesNotContain("debug:")
        .contains("verdict: VALID\nnote: a NitroTPM document attests an EC2 instance's boot")
        .contains("--nitro-tpm allow");
    out.reset();

    String other = "00" + pcr4.substring(2);
    assertThat(runWith(pki, "attest", "verify", "--kind", "nitro", "--at", TPM_AT.toString(),
        "--tpm-pcr", "4=" + other, document.toString())).isEqualTo(1);
    assertThat(out()).contains("verdict: REFUSED evidence_policy: NitroTPM PCR4 of instance");
    out.reset();

    // Without the test root: the command trusts AWS's root only.
    assertThat(run("attest", "verify", "--kind", "nitro", "--at", TPM_AT.toString(),
        document.toString())).isEqualTo(1);
    assertThat(out()).contains("verdict: REFUSED evidence_untrusted:");

    assertThat(run("attest", "verify", "--kind", "nitro", "--tpm-pcr", "4", document.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--tpm-pcr takes INDEX=HEX");
    assertThat(run("attest", "verify", "--kind", "nitro", "--tpm-pcr", "40=" + pcr4,
        document.toString())).isEqualTo(2);
    assertThat(err()).contains("NitroTPM PCR index 40 is out of range");
  }

  @Test
  void usageErrorsExitTwoAndSayWhatIsMissing() {
    assertThat(run("attest", "verify", NITRO)).isEqualTo(2);
    assertThat(err()).contains("--kind nitro or --kind ec2-iid");
    assertThat(run("attest", "verify", "--kind", "nitro", "--at", "yesterday", NITRO)).isEqualTo(2);
    assertThat(err()).contains("--at must be an ISO-8601 instant");
    assertThat(run("attest", "verify", "--kind", "nitro", "--region", "us-east-1", NITRO)).isEqualTo(2);
    assertThat(run("attest", "check")).isEqualTo(2);
    assertThat(run("attest", "verify", "--kind", "nitro", "no-such-file")).isEqualTo(2);
    assertThat(err()).contains("cannot read no-such-file");
  }

  private int run(String... args) {
    return VaultMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
  }

  private int runWith(TestNitroPki pki, String... args) {
    return AttestCommand.parse(args, pki::verifier)
        .run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
