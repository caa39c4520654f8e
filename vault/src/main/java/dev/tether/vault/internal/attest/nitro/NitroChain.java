package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.Refusals.malformed;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks that a document's signing certificate chains, through its {@code cabundle}, to the AWS
 * Nitro root, and that every certificate, the root included, is valid at the verification instant.
 *
 * <p>The document's own copy of the root is never trusted: {@code cabundle[0]} must be the bundled
 * root byte for byte, and the path is validated against the bundled one. The JDK's PKIX validator
 * checks each link (signature, names, CA constraints, key usage, critical extensions, validity)
 * from the root down, revocation off: AWS publishes no revocation for this PKI, and the leaf lives
 * about three hours.
 */
final class NitroChain {

  private NitroChain() {}

  /**
   * @return the signing certificate, now trusted
   * @throws EvidenceRefused MALFORMED (a certificate cannot be read), UNTRUSTED (no chain to the
   *     AWS root), EXPIRED or NOT_YET_VALID (a certificate outside its validity at {@code at})
   */
  static X509Certificate validate(NitroRoot root, byte[] leafDer, List<byte[]> cabundle, Instant at)
      throws EvidenceRefused {
    if (!root.matches(cabundle.get(0))) {
      throw new EvidenceRefused(
          Reason.UNTRUSTED,
          "cabundle[0] is not the AWS Nitro Enclaves root G1 (SHA-256 "
              + NitroRoot.SHA256_FINGERPRINT
              + "); this document was not issued by AWS Nitro");
    }
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
    // The path PKIX wants: leaf first, ending just below the anchor.
    List<X509Certificate> path = new ArrayList<>(cabundle.size());
    X509Certificate leaf = parse(factory, leafDer, "certificate");
    path.add(leaf);
    for (int i = cabundle.size() - 1; i >= 1; i--) {
      path.add(parse(factory, cabundle.get(i), "cabundle[" + i + "]"));
    }
    checkRootValidity(root.certificate(), at);
    try {
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters parameters =
          new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      throw refusal(e, path, cabundle.size(), at);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's PKIX validator is unavailable", e);
    }
    return leaf;
  }

  private static X509Certificate parse(CertificateFactory factory, byte[] der, String name)
      throws EvidenceRefused {
    try {
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      // The JDK's DER parser throws unchecked exceptions on some malformed input, too.
      throw malformed(name + " is not a readable X.509 certificate");
    }
  }

  private static void checkRootValidity(X509Certificate root, Instant at) throws EvidenceRefused {
    if (at.isBefore(root.getNotBefore().toInstant())) {
      throw timeRefusal(Reason.NOT_YET_VALID, "the AWS Nitro root", root, at);
    }
    if (at.isAfter(root.getNotAfter().toInstant())) {
      throw timeRefusal(Reason.EXPIRED, "the AWS Nitro root", root, at);
    }
  }

  private static EvidenceRefused refusal(
      CertPathValidatorException e, List<X509Certificate> path, int cabundleSize, Instant at) {
    int index = e.getIndex();
    boolean known = index >= 0 && index < path.size();
    // path[0] is the leaf, path[k] is cabundle[cabundleSize - k].
    String name =
        !known
            ? "a certificate"
            : index == 0 ? "the signing certificate" : "cabundle[" + (cabundleSize - index) + "]";
    if (e.getReason() == BasicReason.EXPIRED) {
      return timeRefusal(Reason.EXPIRED, name, known ? path.get(index) : null, at);
    }
    if (e.getReason() == BasicReason.NOT_YET_VALID) {
      return timeRefusal(Reason.NOT_YET_VALID, name, known ? path.get(index) : null, at);
    }
    String why;
    if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
      why = name + "'s signature does not verify with its issuer's key";
    } else if (e.getReason() == PKIXReason.NAME_CHAINING) {
      why = name + " was not issued by the certificate above it (issuer name mismatch)";
    } else {
      why = name + " does not chain to the AWS Nitro root (" + e.getReason() + ")";
    }
    return new EvidenceRefused(
        Reason.UNTRUSTED,
        why + "; the certificates in this document do not form an AWS Nitro chain");
  }

  private static EvidenceRefused timeRefusal(
      Reason reason, String name, X509Certificate certificate, Instant at) {
    String window =
        certificate == null
            ? " (verified at " + at + ")"
            : " (valid "
                + certificate.getNotBefore().toInstant()
                + " to "
                + certificate.getNotAfter().toInstant()
                + ", verified at "
                + at
                + ")";
    String message =
        reason == Reason.EXPIRED
            ? name
                + " has expired"
                + window
                + "; the document is too old (Nitro signing certificates live about three"
                + " hours): ask the workload for a fresh attestation document"
            : name
                + " is not valid yet"
                + window
                + "; check the clocks of the Vault and of the workload";
    return new EvidenceRefused(reason, message);
  }
}
