package dev.tether.vault.internal.attest.nitro;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The AWS Nitro Enclaves root certificate (G1), the one trust anchor of Nitro attestation; NitroTPM
 * documents are signed under the same PKI. It ships in this jar and is checked against the
 * fingerprint AWS publishes before any document is verified with it: a jar whose root was changed
 * refuses to start verifying rather than trust another root.
 */
final class NitroRoot {

  /** Where the PEM lives on the class path. */
  static final String RESOURCE = "/attestation/nitro/aws-nitro-enclaves-root-g1.pem";

  /**
   * SHA-256 of the root's DER encoding, as AWS publishes it in "Verifying the root of trust"
   * (docs.aws.amazon.com/enclaves/latest/user/verify-root.html).
   */
  static final String SHA256_FINGERPRINT =
      "641A0321A3E244EFE456463195D606317ED7CDCC3C1756E09893F3C68F79BB5B";

  private final X509Certificate certificate;
  private final byte[] der;

  private NitroRoot(X509Certificate certificate, byte[] der) {
    this.certificate = certificate;
    this.der = der;
  }

  /**
   * The root bundled in this jar.
   *
   * @throws IllegalStateException if it is missing, unreadable or not the AWS root
   */
  static NitroRoot bundled() {
    try (InputStream in = NitroRoot.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the AWS Nitro root certificate is missing from the class path ("
                + RESOURCE
                + "); the Vault jar is incomplete, rebuild it");
      }
      return fromPem(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the AWS Nitro root certificate " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalStateException unless {@code pem} holds the AWS Nitro root, by fingerprint
   */
  static NitroRoot fromPem(byte[] pem) {
    X509Certificate certificate;
    byte[] der;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem));
      der = certificate.getEncoded();
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalStateException(
          "the AWS Nitro root certificate " + RESOURCE + " is not a readable X.509 certificate", e);
    }
    String actual = HexFormat.of().withUpperCase().formatHex(sha256(der));
    if (!actual.equals(SHA256_FINGERPRINT)) {
      throw new IllegalStateException(
          "the Nitro root certificate has SHA-256 fingerprint "
              + actual
              + ", not the AWS Nitro Enclaves root G1 fingerprint "
              + SHA256_FINGERPRINT
              + "; refusing to verify Nitro attestation with another root. Restore "
              + RESOURCE
              + " from https://aws-nitro-enclaves.amazonaws.com/AWS_NitroEnclaves_Root-G1.zip");
    }
    return new NitroRoot(certificate, der);
  }

  /**
   * A root other than AWS's, without the fingerprint check: for tests, which sign documents under
   * a PKI of their own (there is no real NitroTPM document to test with).
   */
  static NitroRoot trusting(X509Certificate certificate) {
    return new NitroRoot(certificate, encoded(certificate));
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** Whether {@code candidate} is this root, byte for byte. */
  boolean matches(byte[] candidate) {
    return Arrays.equals(der, candidate);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate the JDK decoded", e);
    }
  }
}
