package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.Refusals.malformed;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborInteger;
import dev.tether.core.cbor.CborLimits;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborSimple;
import dev.tether.core.cbor.CborTextString;
import dev.tether.core.cbor.CborValue;
import dev.tether.vault.attest.EvidenceRefused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The payload of a Nitro attestation document, checked for shape (AWS's "syntactical validation",
 * aws-nitro-enclaves-nsm-api docs/attestation_process.md section 3.2.2) but not yet for trust.
 *
 * <p>Two producers share the format and the PKI: a Nitro Enclaves NSM writes its measurements as
 * {@code pcrs}, a NitroTPM (an EC2 instance's measured boot) as {@code nitrotpm_pcrs} (EC2 User
 * Guide, "Validate a NitroTPM Attestation Document"). A document has exactly one of the two maps;
 * {@link #source()} says which, so that nothing downstream mistakes one for the other.
 *
 * <p>Where real AWS-signed documents break the letter of that text, this follows the documents:
 * optional fields may be absent, CBOR null or an empty byte string, and may hold up to 1024 bytes
 * (the text says 512 for user_data and nonce; today's NSM accepts 1024). Keys this class does not
 * know are ignored: they are signed, so they cannot be injected, and AWS may add fields.
 *
 * @param source which Nitro component produced the document
 * @param timestampMillis the document's {@code timestamp}, milliseconds since the epoch
 * @param pcrs PCR index to value, in index order: the enclave's {@code pcrs} or the instance's
 *     {@code nitrotpm_pcrs}, as {@code source} says
 * @param certificate the signing (leaf) certificate, DER
 * @param cabundle the issuing chain, DER, root first
 */
record AttestationDocument(
    Source source,
    String moduleId,
    String digest,
    long timestampMillis,
    SortedMap<Integer, byte[]> pcrs,
    byte[] certificate,
    List<byte[]> cabundle,
    OptionalBytes publicKey,
    OptionalBytes userData,
    OptionalBytes nonce) {

  static final String SHA384 = "SHA384";
  static final int MAX_OPTIONAL_BYTES = 1024;
  static final int MAX_PCRS = 32;
  static final int MAX_CERTIFICATE_BYTES = 4096;
  static final int MAX_CABUNDLE = 16;
  private static final int MAX_MODULE_ID = 256;

  private static final CborLimits PAYLOAD_LIMITS = new CborLimits(4, 64 * 1024, 512);

  /** Which Nitro component produced a document, told by the name of its PCR map. */
  enum Source {
    /** A Nitro Enclaves NSM: an enclave image's measurements. */
    ENCLAVE(NitroVerifier.ENCLAVE, "pcrs"),
    /** A NitroTPM: an EC2 instance's boot chain measurements, weaker than an enclave's. */
    NITRO_TPM(NitroVerifier.NITRO_TPM, "nitrotpm_pcrs");

    /** What operators see ({@code document} field, binding workload). */
    final String label;

    /** The payload key of its PCR map. */
    final String pcrKey;

    Source(String label, String pcrKey) {
      this.label = label;
      this.pcrKey = pcrKey;
    }
  }

  Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /**
   * Whether the enclave runs in debug mode: its console is readable by the parent instance, and the
   * NSM then reports PCR0, PCR1 and PCR2 as all zero. NitroTPM documents have no debug mode (their
   * PCR0 and PCR1 hold AWS's constant firmware values).
   */
  boolean debugMode() {
    return source == Source.ENCLAVE
        && isZero(pcrs.get(0))
        && isZero(pcrs.get(1))
        && isZero(pcrs.get(2));
  }

  /**
   * @throws EvidenceRefused MALFORMED naming the first field that is missing or of the wrong shape
   */
  static AttestationDocument parse(byte[] payload) throws EvidenceRefused {
    CborValue top = CoseSign1.decode(payload, PAYLOAD_LIMITS, "the document payload");
    if (!(top instanceof CborMap map)) {
      throw malformed("expected the payload to be a map, found " + top.kind());
    }
    for (CborValue key : map.entries().keySet()) {
      if (!(key instanceof CborTextString)) {
        throw malformed("expected the payload's keys to be text strings, found " + key.kind());
      }
    }
    Source source = source(map);
    String moduleId = text(map, "module_id");
    if (moduleId.isEmpty() || moduleId.length() > MAX_MODULE_ID) {
      throw malformed("module_id must hold 1 to " + MAX_MODULE_ID + " characters");
    }
    String digest = text(map, "digest");
    if (!digest.equals(SHA384)) {
      throw malformed("digest must be SHA384, the only digest Nitro uses");
    }
    return new AttestationDocument(
        source,
        moduleId,
        digest,
        timestamp(map),
        pcrs(map, source),
        bytes(required(map, "certificate"), "certificate", 1, MAX_CERTIFICATE_BYTES),
        cabundle(map),
        optional(map, "public_key"),
        optional(map, "user_data"),
        optional(map, "nonce"));
  }

  private static long timestamp(CborMap map) throws EvidenceRefused {
    CborValue value = required(map, "timestamp");
    if (!(value instanceof CborInteger integer)
        || integer.value().signum() <= 0
        || !integer.fitsInLong()) {
      throw malformed("timestamp must be a positive integer (milliseconds since the epoch)");
    }
    return integer.longValue();
  }

  /** An enclave document has {@code pcrs}, a NitroTPM one {@code nitrotpm_pcrs}; never both. */
  private static Source source(CborMap map) throws EvidenceRefused {
    boolean enclave = map.get(Source.ENCLAVE.pcrKey) != null;
    boolean tpm = map.get(Source.NITRO_TPM.pcrKey) != null;
    if (enclave && tpm) {
      throw malformed(
          "the payload has both pcrs (Nitro Enclaves) and nitrotpm_pcrs (NitroTPM); a Nitro"
              + " document has exactly one of them");
    }
    if (!enclave && !tpm) {
      throw malformed(
          "the payload has neither pcrs (Nitro Enclaves) nor nitrotpm_pcrs (NitroTPM); a Nitro"
              + " document has exactly one of them");
    }
    return tpm ? Source.NITRO_TPM : Source.ENCLAVE;
  }

  private static SortedMap<Integer, byte[]> pcrs(CborMap map, Source source)
      throws EvidenceRefused {
    String key = source.pcrKey;
    CborValue value = required(map, key);
    if (!(value instanceof CborMap pcrMap) || pcrMap.size() == 0 || pcrMap.size() > MAX_PCRS) {
      throw malformed(key + " must be a map of 1 to " + MAX_PCRS + " entries");
    }
    SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
    for (Map.Entry<CborValue, CborValue> entry : pcrMap.entries().entrySet()) {
      if (!(entry.getKey() instanceof CborInteger index)
          || index.value().signum() < 0
          || index.value().bitLength() > 5) {
        throw malformed(key + " keys must be PCR indexes 0 to " + (MAX_PCRS - 1));
      }
      int pcr = index.value().intValue();
      if (!(entry.getValue() instanceof CborByteString measurement)
          || !(measurement.length() == 32
              || measurement.length() == 48
              || measurement.length() == 64)) {
        throw malformed(key + " PCR" + pcr + " must be a byte string of 32, 48 or 64 bytes");
      }
      pcrs.put(pcr, measurement.bytes());
    }
    // AWS lists which registers a NitroTPM document carries (0-7, 8-15, 16, 23) but promises no
    // minimum set; the policy's pins say which must be there.
    for (int pcr = 0; source == Source.ENCLAVE && pcr <= 2; pcr++) {
      if (!pcrs.containsKey(pcr)) {
        // PCR0-2 measure the enclave image; every enclave document has them.
        throw malformed("pcrs has no PCR" + pcr + "; a Nitro Enclaves document always has PCR0-2");
      }
    }
    return Collections.unmodifiableSortedMap(pcrs);
  }

  private static List<byte[]> cabundle(CborMap map) throws EvidenceRefused {
    CborValue value = required(map, "cabundle");
    if (!(value instanceof CborArray array) || array.size() == 0 || array.size() > MAX_CABUNDLE) {
      throw malformed(
          "cabundle must be an array of 1 to "
              + MAX_CABUNDLE
              + " DER certificates (root first), found "
              + (value instanceof CborArray array ? array.size() + " entries" : value.kind()));
    }
    List<byte[]> certificates = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      certificates.add(bytes(array.get(i), "cabundle[" + i + "]", 1, MAX_CERTIFICATE_BYTES));
    }
    return List.copyOf(certificates);
  }

  private static OptionalBytes optional(CborMap map, String key) throws EvidenceRefused {
    CborValue value = map.get(key);
    if (value == null) {
      return OptionalBytes.ABSENT;
    }
    if (value == CborSimple.NULL) {
      return OptionalBytes.NULL;
    }
    return OptionalBytes.of(bytes(value, key, 0, MAX_OPTIONAL_BYTES));
  }

  private static CborValue required(CborMap map, String key) throws EvidenceRefused {
    CborValue value = map.get(key);
    if (value == null) {
      throw malformed("the payload has no " + key);
    }
    return value;
  }

  private static String text(CborMap map, String key) throws EvidenceRefused {
    CborValue value = required(map, key);
    if (!(value instanceof CborTextString text)) {
      throw malformed(key + " must be a text string, found " + value.kind());
    }
    return text.value();
  }

  private static byte[] bytes(CborValue value, String what, int min, int max)
      throws EvidenceRefused {
    if (!(value instanceof CborByteString string)) {
      throw malformed(what + " must be a byte string, found " + value.kind());
    }
    if (string.length() < min || string.length() > max) {
      throw malformed(
          what + " is " + string.length() + " bytes; expected " + min + " to " + max + " bytes");
    }
    return string.bytes();
  }

  private static boolean isZero(byte[] pcr) {
    for (byte b : pcr) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
