package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.Bytes.indexOf;
import static dev.tether.vault.internal.attest.nitro.DocumentSurgery.cabundleEntry;
import static dev.tether.vault.internal.attest.nitro.DocumentSurgery.certificate;
import static dev.tether.vault.internal.attest.nitro.DocumentSurgery.withCabundleEntry;
import static dev.tether.vault.internal.attest.nitro.DocumentSurgery.withPayloadField;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.TODAY;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.document;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.expected;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.lookAlike;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.string;
import static dev.tether.vault.internal.attest.nitro.NitroVectors.timestamp;
import static dev.tether.vault.internal.attest.nitro.NitroVerifierVectorsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborSimple;
import dev.tether.core.cbor.CborTextString;
import dev.tether.core.cbor.CborValue;
import dev.tether.core.json.JsonObject;
import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Real documents changed the ways an attacker could change them, and a look-alike. */
class NitroVerifierTamperTest {

  private static final NitroVerifier VERIFIER =
      new NitroVerifier(NitroPolicy.defaults().withDebugAllowed(true));

  // Two enclaves on two instances whose chain windows overlap on 2023-01-18 from 15:10:27 to
  // 16:07:16: every certificate of both documents is valid at this instant.
  private static final String SAN_PCR8 = "evervault-san_2023-01-18_us-east-1_pcr8";
  private static final String SAN_DEBUG = "evervault-san_2023-01-18_us-east-1_debug";
  private static final Instant SAN_BOTH_VALID = Instant.parse("2023-01-18T15:30:00Z");

  // Upstream's test time for the look-alike; its self-signed certificate is valid then.
  private static final Instant LOOK_ALIKE_TIME = Instant.parse("2024-04-17T18:51:46Z");

  // Two enclaves on the same parent instance, made 27 s apart.
  private static final String BLOCKY = "blocky-nitrite_2024-09-07_us-east-1";
  private static final String BLOCKY_DEBUG = "blocky-nitrite_2024-09-07_us-east-1_debug";

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void reEncodingARealDocumentGivesItsExactBytes(String name) {
    // Guards the tests below: a rebuilt document differs from the real one only where changed.
    byte[] real = document(name);
    assertThat(
            DocumentSurgery.withPayload(
                real, CborTestEncoder.encode(DocumentSurgery.payload(real))))
        .isEqualTo(real);
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void oneFlippedByteInTheSignatureIsABadSignature(String name) {
    byte[] first = document(name);
    first[first.length - 96] ^= 0x01; // the signature is the last 96 bytes: r, then s
    byte[] last = document(name);
    last[last.length - 1] ^= 0x01;

    for (byte[] tampered : List.of(first, last)) {
      EvidenceRefused refused = refusal(tampered, timestamp(name));
      assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE);
      assertThat(refused.getMessage())
          .contains("does not verify with its signing certificate's key");
    }
  }

  @ParameterizedTest
  @FieldSource("dev.tether.vault.internal.attest.nitro.NitroVectors#DOCUMENTS")
  void oneFlippedByteInThePayloadIsABadSignature(String name) {
    byte[] tampered = document(name);
    byte[] pcr4 = HexFormat.of().parseHex(string((JsonObject) expected(name).get("pcrs"), "4"));
    int at = indexOf(tampered, pcr4);
    assertThat(at).as("PCR4 is in the payload").isPositive();
    tampered[at + 20] ^= 0x01;

    assertThat(refusal(tampered, timestamp(name)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void bothOverlappingDocumentsVerifyAtTheSwapInstant() throws Exception {
    assertThat(VERIFIER.verify(document(SAN_PCR8), SAN_BOTH_VALID).workload()).startsWith("i-0ec0");
    assertThat(VERIFIER.verify(document(SAN_DEBUG), SAN_BOTH_VALID).workload())
        .startsWith("i-06e1");
  }

  @Test
  void aLeafFromAnotherInstanceIsUntrusted() {
    // The chain is checked before the signature: the swapped leaf was issued by the other
    // instance's certificate, not by cabundle[3] of this document.
    byte[] swapped =
        withPayloadField(
            document(SAN_PCR8), "certificate", CborByteString.of(certificate(document(SAN_DEBUG))));

    EvidenceRefused refused = refusal(swapped, SAN_BOTH_VALID);
    assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED);
    assertThat(refused.getMessage())
        .startsWith("the signing certificate was not issued by the certificate above it");
  }

  @Test
  void aCabundleEntryFromAnotherInstanceIsUntrusted() {
    byte[] own = cabundleEntry(document(SAN_PCR8), 3);
    byte[] other = cabundleEntry(document(SAN_DEBUG), 3);
    assertThat(other).isNotEqualTo(own);
    byte[] swapped = withCabundleEntry(document(SAN_PCR8), 3, other);

    assertThat(refusal(swapped, SAN_BOTH_VALID).reason()).isEqualTo(Reason.UNTRUSTED);
  }

  @Test
  void aRootOtherThanTheBundledOneIsUntrustedWhateverTheDocumentSays() {
    byte[] document = document(SAN_PCR8);
    byte[] swapped = withCabundleEntry(document, 0, cabundleEntry(document, 1));

    EvidenceRefused refused = refusal(swapped, SAN_BOTH_VALID);
    assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED);
    assertThat(refused.getMessage())
        .startsWith("cabundle[0] is not the AWS Nitro Enclaves root G1");
  }

  @Test
  void anotherDocumentsWholeGenuineChainIsABadSignature() {
    // The chain now verifies (it is the other document's, and valid at this instant), but its
    // key did not sign this payload.
    byte[] other = document(SAN_DEBUG);
    byte[] swapped =
        withPayloadField(
            withPayloadField(
                document(SAN_PCR8), "certificate", CborByteString.of(certificate(other))),
            "cabundle",
            DocumentSurgery.payload(other).get("cabundle"));

    assertThat(refusal(swapped, SAN_BOTH_VALID).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void aSiblingEnclavesLeafFromTheSameInstanceIsABadSignature() {
    // Same parent instance, same cabundle: the sibling's leaf chains, but did not sign.
    byte[] sibling = document(BLOCKY_DEBUG);
    assertThat(DocumentSurgery.payload(sibling).get("cabundle"))
        .isEqualTo(DocumentSurgery.payload(document(BLOCKY)).get("cabundle"));
    byte[] swapped =
        withPayloadField(document(BLOCKY), "certificate", CborByteString.of(certificate(sibling)));

    assertThat(refusal(swapped, timestamp(BLOCKY_DEBUG)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void theLookAlikeIsMalformed() {
    // Self-signed "CN=self-signed attester", unprotected header CBOR null, cabundle CBOR null,
    // timestamp in seconds. Refused on shape, before any trust or time question, so the answer is
    // the same at any instant; the first rule it breaks is COSE's (the unprotected header is a
    // map).
    for (Instant at : List.of(LOOK_ALIKE_TIME, TODAY)) {
      EvidenceRefused refused = refusal(lookAlike(), at);
      assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
      assertThat(refused.getMessage())
          .contains("expected the COSE unprotected header to be a map, found null");
    }
  }

  @Test
  void theLookAlikeWithAValidEnvelopeIsMalformedBecauseItsCabundleIsNull() {
    byte[] rebuilt = lookAlikeWithEmptyUnprotectedHeader();
    EvidenceRefused refused = refusal(rebuilt, LOOK_ALIKE_TIME);
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refused.getMessage()).contains("cabundle must be an array", "found null");
  }

  @Test
  void theLookAlikeWithAWellFormedCabundleIsUntrusted() {
    byte[] ownCertificate = certificate(lookAlike());
    byte[] awsRoot = cabundleEntry(document(BLOCKY), 0);

    // Its own certificate as root: not the AWS root. The AWS root: it did not issue the leaf.
    for (byte[] root : List.of(ownCertificate, awsRoot)) {
      byte[] rebuilt =
          withPayloadField(
              lookAlikeWithEmptyUnprotectedHeader(),
              "cabundle",
              CborArray.of(List.of(CborByteString.of(root))));
      assertThat(refusal(rebuilt, LOOK_ALIKE_TIME).reason()).isEqualTo(Reason.UNTRUSTED);
    }
  }

  private static byte[] lookAlikeWithEmptyUnprotectedHeader() {
    return DocumentSurgery.withEnvelopePart(lookAlike(), 1, CborMap.of(java.util.Map.of()));
  }

  @Test
  void everyTruncationOfEveryDocumentIsMalformed() {
    List<byte[]> documents = new ArrayList<>();
    NitroVectors.DOCUMENTS.forEach(name -> documents.add(document(name)));
    documents.add(lookAlike());
    int checked = 0;
    for (byte[] document : documents) {
      for (int length = 0; length < document.length; length++) {
        EvidenceRefused refused = refusal(Arrays.copyOf(document, length), TODAY);
        assertThat(refused.reason()).as("prefix of %s bytes", length).isEqualTo(Reason.MALFORMED);
        assertThat(refused.getMessage()).doesNotContain("could not be processed");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(40_000);
  }

  @Test
  void flippingAnyByteOfADocumentIsRefusedByADeliberateCheck() {
    String name = "evervault-ga_2023-09-18_us-east-1_debug";
    byte[] real = document(name);
    // Every byte of the envelope's and payload's first 64 bytes, then every 37th (a full sweep
    // costs ~10,000 chain validations; this keeps the test around a second).
    for (int i = 0; i < real.length; i = i < 64 ? i + 1 : i + 37) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] tampered = real.clone();
        tampered[i] ^= (byte) mask;
        EvidenceRefused refused = refusal(tampered, timestamp(name));
        assertThat(refused.getMessage()).as("byte %s", i).doesNotContain("could not be processed");
      }
    }
  }

  @Test
  void aProtectedHeaderWithAnotherAlgorithmIsMalformed() {
    byte[] es256 = withProtectedHeader(document(BLOCKY), HexFormat.of().parseHex("a10126"));
    EvidenceRefused refused = refusal(es256, timestamp(BLOCKY));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refused.getMessage()).contains("alg -7; expected -35 (ES384)");

    byte[] none = withProtectedHeader(document(BLOCKY), HexFormat.of().parseHex("a0"));
    assertThat(refusal(none, timestamp(BLOCKY)).getMessage()).contains("alg nothing");

    byte[] critical =
        withProtectedHeader(document(BLOCKY), HexFormat.of().parseHex("a201382202810c"));
    assertThat(refusal(critical, timestamp(BLOCKY)).getMessage()).contains("critical parameters");
  }

  @Test
  void envelopesOfTheWrongShapeAreMalformed() {
    byte[] real = document(BLOCKY);
    List<CborValue> parts = new ArrayList<>(DocumentSurgery.envelope(real).elements());

    List<CborValue> shortSignature = new ArrayList<>(parts);
    shortSignature.set(3, CborByteString.of(new byte[95]));
    assertThat(malformed(CborArray.of(shortSignature)))
        .contains("signature is 95 bytes; expected 96");

    List<CborValue> detached = new ArrayList<>(parts);
    detached.set(2, CborSimple.NULL);
    assertThat(malformed(CborArray.of(detached))).contains("detached payloads are not supported");

    assertThat(malformed(CborArray.of(parts.subList(0, 3)))).contains("found an array of 3 items");

    byte[] mac0 = new byte[real.length + 1];
    mac0[0] = (byte) 0xD1; // tag 17, COSE_Mac0
    System.arraycopy(real, 0, mac0, 1, real.length);
    assertThat(refusal(mac0, timestamp(BLOCKY)).getMessage())
        .contains("CBOR tag 17; expected tag 18");

    byte[] trailing = Arrays.copyOf(real, real.length + 1);
    assertThat(refusal(trailing, timestamp(BLOCKY)).getMessage())
        .contains("expected the end of the input");
  }

  @Test
  void payloadsOfTheWrongShapeAreMalformed() {
    byte[] real = document(BLOCKY);
    assertThat(payloadMalformed(withPayloadField(real, "digest", new CborTextString("SHA256"))))
        .contains("digest must be SHA384");
    assertThat(payloadMalformed(withPayloadField(real, "timestamp", null)))
        .contains("no timestamp");
    assertThat(payloadMalformed(withPayloadField(real, "module_id", new CborTextString(""))))
        .contains("module_id must hold 1 to 256 characters");
    assertThat(payloadMalformed(withPayloadField(real, "nonce", CborByteString.of(new byte[1025]))))
        .contains("nonce is 1025 bytes; expected 0 to 1024 bytes");
    assertThat(payloadMalformed(withPayloadField(real, "user_data", new CborTextString("x"))))
        .contains("user_data must be a byte string, found a text string");

    CborMap pcrs = (CborMap) DocumentSurgery.payload(real).get("pcrs");
    LinkedHashMap<CborValue, CborValue> shortPcr = new LinkedHashMap<>(pcrs.entries());
    shortPcr.put(dev.tether.core.cbor.CborInteger.of(5), CborByteString.of(new byte[47]));
    assertThat(payloadMalformed(withPayloadField(real, "pcrs", CborMap.of(shortPcr))))
        .contains("PCR5 must be a byte string of 32, 48 or 64 bytes");
    LinkedHashMap<CborValue, CborValue> noPcr1 = new LinkedHashMap<>(pcrs.entries());
    noPcr1.remove(dev.tether.core.cbor.CborInteger.of(1));
    assertThat(payloadMalformed(withPayloadField(real, "pcrs", CborMap.of(noPcr1))))
        .contains("pcrs has no PCR1");

    // One PCR map, never two or none (NitroTpmVerifierTest signs such documents itself).
    assertThat(payloadMalformed(withPayloadField(real, "nitrotpm_pcrs", pcrs)))
        .contains("has both pcrs (Nitro Enclaves) and nitrotpm_pcrs (NitroTPM)");
    assertThat(payloadMalformed(withPayloadField(real, "pcrs", null)))
        .contains("has neither pcrs (Nitro Enclaves) nor nitrotpm_pcrs (NitroTPM)");
  }

  @Test
  void aDocumentMadeAfterTheVerificationInstantIsNotYetValid() {
    // hf-nitrite's leaf was issued at 14:44:13, the document made at 17:02:02 with it.
    String name = "hf-nitrite-pr2_2021-10-28_us-east-2_debug";
    EvidenceRefused refused = refusal(document(name), Instant.parse("2021-10-28T15:00:00Z"));
    assertThat(refused.reason()).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(refused.getMessage())
        .contains("timestamp 2021-10-28T17:02:02.077Z is after the verification instant");
  }

  private static String malformed(CborArray envelope) {
    EvidenceRefused refused = refusal(CborTestEncoder.encode(envelope), timestamp(BLOCKY));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    return refused.getMessage();
  }

  // Payload checks come before the chain and the signature, so these fail on shape.
  private static String payloadMalformed(byte[] document) {
    EvidenceRefused refused = refusal(document, timestamp(BLOCKY));
    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    return refused.getMessage();
  }

  private static byte[] withProtectedHeader(byte[] document, byte[] header) {
    List<CborValue> parts = new ArrayList<>(DocumentSurgery.envelope(document).elements());
    parts.set(0, CborByteString.of(header));
    return CborTestEncoder.encode(CborArray.of(parts));
  }
}
