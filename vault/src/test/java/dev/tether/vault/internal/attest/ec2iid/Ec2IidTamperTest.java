package dev.tether.vault.internal.attest.ec2iid;

import static dev.tether.vault.internal.attest.Bytes.indexOf;
import static dev.tether.vault.internal.attest.ec2iid.Ec2IidVerifierTest.NOW;
import static dev.tether.vault.internal.attest.ec2iid.Ec2IidVerifierTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real documents, altered in the test: every alteration is refused, with the right reason. */
class Ec2IidTamperTest {

  final Ec2IidVerifier verifier = new Ec2IidVerifier();

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void flippedSignatureByteIsBadSignature(IidVectors vector) throws Exception {
    // The signature value is covered by nothing; the check against the region key fails.
    byte[] der = vector.der();
    byte[] signature = IidSignedData.parse(der).signer().getSignature();
    int at = indexOf(der, signature) + signature.length / 2;
    der[at] ^= 0x01;
    EvidenceRefused refused = refusal(() -> verifier.verify(IidVectors.imdsText(der), NOW));
    assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(refused.getMessage()).contains(vector.region).contains("signature does not verify");
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void flippedDigitInSignedContentIsBadSignature(IidVectors vector) throws Exception {
    // Still valid JSON naming the same region: the content's digest no longer matches the
    // signed messageDigest attribute.
    byte[] der = vector.der();
    int digit = indexOf(der, "\"accountId\" : \"".getBytes(StandardCharsets.US_ASCII)) + 15;
    der[digit] = (byte) (der[digit] == '9' ? '8' : der[digit] + 1);
    EvidenceRefused refused = refusal(() -> verifier.verify(IidVectors.imdsText(der), NOW));
    assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(refused.getMessage()).contains("message-digest");
  }

  @Test
  void contentClaimingAnotherRegionIsBadSignature() {
    // The claimed region picks us-west-1's certificate, which did not sign the document.
    byte[] der =
        replaceInContent(
            IidVectors.RSA_US_WEST_2, "\"region\" : \"us-west-2\"", "\"region\" : \"us-west-1\"");
    EvidenceRefused refused = refusal(() -> verifier.verify(IidVectors.imdsText(der), NOW));
    assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(refused.getMessage()).contains("rsa2048/us-west-1").contains("b64bde5ad00924cc");
  }

  @Test
  void contentClaimingAnUnknownRegionIsUntrusted() {
    byte[] der =
        replaceInContent(
            IidVectors.RSA_US_WEST_2, "\"region\" : \"us-west-2\"", "\"region\" : \"us-west-9\"");
    assertThat(refusal(() -> verifier.verify(IidVectors.imdsText(der), NOW)).reason())
        .isEqualTo(Reason.UNTRUSTED);
  }

  @Test
  void contentWithoutRegionIsMalformed() {
    // The region is needed to pick the certificate, so the JSON is read before the signature.
    byte[] der = replaceInContent(IidVectors.RSA_US_WEST_2, "\"region\"", "\"regioN\"");
    EvidenceRefused refused = refusal(() -> verifier.verify(IidVectors.imdsText(der), NOW));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refused.getMessage()).contains("region is missing").contains("RSA-2048/SHA-256");
  }

  @Test
  void brokenJsonIsMalformed() {
    byte[] der = replaceInContent(IidVectors.DSA_US_EAST_1, "{", "[");
    EvidenceRefused refused = refusal(() -> verifier.verify(IidVectors.imdsText(der), NOW));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refused.getMessage()).contains("not valid JSON").contains("line ");
  }

  /**
   * Every single-byte change to the PKCS#7, at every offset, is refused: never accepted, never
   * another exception. Records which reasons came out, so a change in that mix is visible.
   */
  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void everyFlippedByteIsRefused(IidVectors vector) {
    byte[] der = vector.der();
    Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < der.length; i++) {
      byte[] altered = der.clone();
      altered[i] ^= (byte) 0x01;
      try {
        verifier.verify(IidVectors.imdsText(altered), NOW);
        accepted.add(i);
      } catch (EvidenceRefused refused) {
        reasons.merge(refused.reason(), 1, Integer::sum);
      }
    }
    assertThat(accepted).as("offsets where a flipped byte was accepted").isEmpty();
    assertThat(reasons.keySet())
        .isSubsetOf(Reason.MALFORMED, Reason.BAD_SIGNATURE, Reason.UNTRUSTED);
    assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(der.length);
  }

  @Test
  void everyPrefixOfTheTextIsMalformedOrBadSignature() throws Exception {
    byte[] text = IidVectors.RSA_US_WEST_2.evidence();
    String whole = base64Only(text);
    int sameDocument = 0;
    for (int length = 0; length < text.length; length++) {
      byte[] prefix = Arrays.copyOf(text, length);
      if (base64Only(prefix).equals(whole)) {
        // Only the final newline or '=' padding is cut: the whole document when the padding is
        // all there or all gone, an incomplete base64 unit (MALFORMED) when half of it is.
        try {
          assertThat(verifier.verify(prefix, NOW).workload()).isEqualTo("i-078517ca8a70a1dde");
          sameDocument++;
        } catch (EvidenceRefused refused) {
          assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
        }
        continue;
      }
      int n = length;
      assertThat(refusal(() -> "accepted prefix " + n + verifier.verify(prefix, NOW)).reason())
          .as("prefix of %d characters", length)
          .isIn(Reason.MALFORMED, Reason.BAD_SIGNATURE);
    }
    assertThat(sameDocument).isBetween(1, 3);
  }

  private static String base64Only(byte[] text) {
    return new String(text, StandardCharsets.US_ASCII).replaceAll("[\\s=]", "");
  }

  @ParameterizedTest
  @EnumSource(IidVectors.class)
  void everyPrefixOfThePkcs7IsMalformedOrBadSignature(IidVectors vector) {
    byte[] der = vector.der();
    for (int length = 0; length < der.length; length++) {
      byte[] prefix = IidVectors.imdsText(Arrays.copyOf(der, length));
      int n = length;
      assertThat(refusal(() -> "accepted prefix " + n + verifier.verify(prefix, NOW)).reason())
          .as("prefix of %d bytes", length)
          .isIn(Reason.MALFORMED, Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void trailingBytesAfterThePkcs7AreMalformed() {
    byte[] der = IidVectors.RSA_US_WEST_1.der();
    byte[] longer = Arrays.copyOf(der, der.length + 2);
    EvidenceRefused refused = refusal(() -> verifier.verify(IidVectors.imdsText(longer), NOW));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void garbageIsMalformed() {
    Random random = new Random(20261125);
    for (int size : new int[] {1, 2, 3, 16, 100, 1500, 16 * 1024}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      assertMalformed(bytes, "random bytes, " + size);
      assertMalformed(IidVectors.imdsText(bytes), "base64 of random bytes, " + size);
    }
    assertMalformed(new byte[0], "empty");
    assertMalformed("   \n\r\n ".getBytes(StandardCharsets.US_ASCII), "whitespace");
    assertMalformed(
        "-----BEGIN PKCS7----------END PKCS7-----".getBytes(StandardCharsets.US_ASCII),
        "armour only");
    assertMalformed(
        "-----BEGIN PKCS7-----\nMIAG".getBytes(StandardCharsets.US_ASCII), "no END line");
    assertMalformed(
        "-----BEGIN CERTIFICATE-----\nMIAG\n-----END CERTIFICATE-----"
            .getBytes(StandardCharsets.US_ASCII),
        "a certificate");
    assertMalformed("A".getBytes(StandardCharsets.US_ASCII), "one base64 character");
    assertMalformed("MIAG====".getBytes(StandardCharsets.US_ASCII), "bad padding");
    assertMalformed(
        "{\"region\":\"us-east-1\"}".getBytes(StandardCharsets.US_ASCII), "a bare document");
    byte[] huge = new byte[4 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'A');
    assertMalformed(huge, "4 MiB of base64");
    random.nextBytes(huge);
    assertMalformed(huge, "4 MiB of random bytes");
  }

  @Test
  void deeplyNestedBerIsMalformed() {
    // Indefinite-length SEQUENCEs nested about as deep as the 16 KiB text limit allows.
    byte[] nested = new byte[11 * 1024];
    for (int i = 0; i < nested.length; i += 2) {
      nested[i] = 0x30;
      nested[i + 1] = (byte) 0x80;
    }
    byte[] text = IidVectors.imdsText(nested);
    assertThat(text.length).isLessThanOrEqualTo(Pkcs7Text.MAX_TEXT_BYTES);
    EvidenceRefused refused = refusal(() -> verifier.verify(text, NOW));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refused.getMessage()).contains("not a PKCS#7 SignedData");
  }

  private void assertMalformed(byte[] evidence, String what) {
    EvidenceRefused refused = refusal(() -> verifier.verify(evidence, NOW));
    assertThat(refused.reason()).as(what).isEqualTo(Reason.MALFORMED);
  }

  /** The vector's PKCS#7 with the first of {@code pairs}' found strings replaced in the content. */
  private static byte[] replaceInContent(IidVectors vector, String... pairs) {
    byte[] der = vector.der();
    for (int p = 0; p < pairs.length; p += 2) {
      byte[] from = pairs[p].getBytes(StandardCharsets.US_ASCII);
      byte[] to = pairs[p + 1].getBytes(StandardCharsets.US_ASCII);
      int at = indexOf(der, from);
      if (at >= 0) {
        System.arraycopy(to, 0, der, at, to.length);
        return der;
      }
    }
    throw new IllegalArgumentException("none of the strings is in " + vector);
  }
}
