package dev.tether.vault.internal.attest.nitro;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborInteger;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborTag;
import dev.tether.core.cbor.CborTextString;
import dev.tether.core.cbor.CborValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A stand-in for the AWS Nitro Attestation PKI (a root, one intermediate, a leaf; EC P-384,
 * ECDSA-SHA384, CA constraints and key usages as AWS's certificates have them) and NitroTPM
 * attestation documents signed under it in the format of the EC2 User Guide's "Validate a NitroTPM
 * Attestation Document": a COSE_Sign1 with tag 18, protected header {@code {1: -35}}, empty
 * unprotected header, a payload map of module_id, digest, timestamp, nitrotpm_pcrs (24 SHA-384
 * registers, 0-23), certificate, cabundle (root first) and the optional public_key, user_data and
 * nonce.
 *
 * <p>No real NitroTPM document was available: this is how the NitroTPM path is tested. The root is
 * trusted through {@link NitroRoot#trusting}, never as AWS's.
 */
public final class TestNitroPki {

  /** The module id of the test instance, shaped like a real one ({@code i-<id>-tpm<hex>}). */
  public static final String MODULE_ID = "i-0a1b2c3d4e5f60718-tpm0123456789abcdef";

  private static final String ROOT_NAME = "CN=test.nitro-root, O=Tether test, C=US";

  /** How long the leaf lives, as AWS's leaves do (about three hours). */
  static final Duration LEAF_LIFETIME = Duration.ofHours(3);

  private final Instant issuedAt;
  private final KeyPair rootKey = p384();
  private final KeyPair intermediateKey = p384();
  private final KeyPair leafKey = p384();
  private final X509Certificate root;
  private final X509Certificate intermediate;
  private final X509Certificate leaf;

  private TestNitroPki(Instant issuedAt) {
    this.issuedAt = issuedAt;
    this.root =
        certificate(ROOT_NAME, rootKey, ROOT_NAME, rootKey, issuedAt.minus(Duration.ofDays(30)),
            issuedAt.plus(Duration.ofDays(3650)), true);
    this.intermediate =
        certificate("CN=test.nitro-zone, O=Tether test, C=US", intermediateKey,
            ROOT_NAME, rootKey,
            issuedAt.minus(Duration.ofDays(1)), issuedAt.plus(Duration.ofDays(20)), true);
    this.leaf =
        certificate("CN=" + MODULE_ID + ", O=Tether test, C=US", leafKey,
            "CN=test.nitro-zone, O=Tether test, C=US", intermediateKey,
            issuedAt.minusSeconds(5), issuedAt.plus(LEAF_LIFETIME), false);
  }

  /** A new PKI (fresh keys) whose leaf is issued 5 s before {@code issuedAt}. */
  public static TestNitroPki issuedAt(Instant issuedAt) {
    return new TestNitroPki(issuedAt);
  }

  /** The instant documents are dated by default. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** When the leaf expires: a document verified after this is {@code EXPIRED}. */
  public Instant leafNotAfter() {
    return leaf.getNotAfter().toInstant();
  }

  /** A verifier trusting this PKI's root instead of AWS's. */
  public NitroVerifier verifier(NitroPolicy policy) {
    return new NitroVerifier(NitroRoot.trusting(root), policy);
  }

  /** A NitroTPM document of {@link #MODULE_ID}, dated {@link #issuedAt()}, to adjust. */
  public Document tpmDocument() {
    return new Document();
  }

  /** The value this PKI's test instance has in NitroTPM PCR {@code index}, as hex. */
  public static String pcrHex(int index) {
    return HexFormat.of().formatHex(pcr(index));
  }

  /**
   * PCR0-7 and 12 measured (SHA-384 of a label), the others zero: a booted instance whose OS
   * measured nothing into 8-11 and 13-23.
   */
  static byte[] pcr(int index) {
    if (index <= 7 || index == 12) {
      return sha384("test NitroTPM PCR" + index);
    }
    return new byte[48];
  }

  /** A document's payload, in the order AWS writes it, and its signing. */
  public final class Document {

    private final LinkedHashMap<String, CborValue> payload = new LinkedHashMap<>();

    private Document() {
      payload.put("module_id", new CborTextString(MODULE_ID));
      payload.put("digest", new CborTextString("SHA384"));
      payload.put("timestamp", CborInteger.of(issuedAt.toEpochMilli()));
      SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
      for (int index = 0; index <= 23; index++) {
        pcrs.put(index, pcr(index));
      }
      payload.put("nitrotpm_pcrs", pcrMap(pcrs));
      payload.put("certificate", CborByteString.of(NitroRoot.encoded(leaf)));
      payload.put("cabundle", CborArray.of(List.of(rootDer(), intermediateDer())));
    }

    /** Payload field {@code key} set to {@code value}, or removed if {@code null}. */
    public Document with(String key, CborValue value) {
      if (value == null) {
        payload.remove(key);
      } else {
        payload.put(key, value);
      }
      return this;
    }

    public Document withBytes(String key, byte[] value) {
      return with(key, CborByteString.of(value));
    }

    public Document dated(Instant timestamp) {
      return with("timestamp", CborInteger.of(timestamp.toEpochMilli()));
    }

    /** The COSE_Sign1 (tag 18) over this payload, signed with the leaf's key. */
    public byte[] signed() {
      return signedBy(leafKey.getPrivate());
    }

    /** The same envelope signed with another key than the leaf's. */
    byte[] signedBy(PrivateKey key) {
      Map<CborValue, CborValue> entries = new LinkedHashMap<>();
      payload.forEach((name, value) -> entries.put(new CborTextString(name), value));
      byte[] body = CborTestEncoder.encode(CborMap.of(entries));
      byte[] header =
          CborTestEncoder.encode(
              CborMap.of(Map.of(CborInteger.of(1), CborInteger.of(CoseSign1.ES384))));
      byte[] signature =
          sign(key, new CoseSign1(header, body, new byte[96]).toBeSigned());
      CborArray envelope =
          CborArray.of(
              List.of(
                  CborByteString.of(header),
                  CborMap.of(Map.of()),
                  CborByteString.of(body),
                  CborByteString.of(signature)));
      return CborTestEncoder.encode(new CborTag(CborTag.COSE_SIGN1, envelope));
    }
  }

  /** A CBOR map of PCR index to value, as {@code pcrs} and {@code nitrotpm_pcrs} are written. */
  static CborMap pcrMap(Map<Integer, byte[]> pcrs) {
    Map<CborValue, CborValue> entries = new LinkedHashMap<>();
    pcrs.forEach((index, value) -> entries.put(CborInteger.of(index), CborByteString.of(value)));
    return CborMap.of(entries);
  }

  private static X509Certificate certificate(
      String subject,
      KeyPair subjectKey,
      String issuer,
      KeyPair issuerKey,
      Instant notBefore,
      Instant notAfter,
      boolean authority) {
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer),
              new BigInteger(64, new java.security.SecureRandom()).add(BigInteger.ONE),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name(subject),
              subjectKey.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              authority
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                  : KeyUsage.digitalSignature));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey.getPrivate())));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a test certificate", e);
    }
  }

  private static KeyPair p384() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp384r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make P-384 keys", e);
    }
  }

  private static byte[] sign(PrivateKey key, byte[] toBeSigned) {
    try {
      Signature signature = Signature.getInstance("SHA384withECDSAinP1363Format");
      signature.initSign(key);
      signature.update(toBeSigned);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test document", e);
    }
  }

  private static byte[] sha384(String text) {
    try {
      return MessageDigest.getInstance("SHA-384").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The root's key: a document it signs carries a genuine chain but not the leaf's signature. */
  PrivateKey rootPrivateKey() {
    return rootKey.getPrivate();
  }

  CborByteString rootDer() {
    return CborByteString.of(NitroRoot.encoded(root));
  }

  CborByteString intermediateDer() {
    return CborByteString.of(NitroRoot.encoded(intermediate));
  }
}
