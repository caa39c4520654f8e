package dev.tether.vault.internal.attest.ec2iid;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * One AWS certificate that signs instance identity documents, pinned by the index.
 *
 * @param name how messages and fields name it, e.g. {@code rsa2048/us-west-2}
 */
record IidTrustAnchor(
    String name,
    X500Name issuer,
    BigInteger serial,
    PublicKey publicKey,
    Instant notBefore,
    Instant notAfter) {

  static IidTrustAnchor of(String name, X509Certificate certificate) {
    return new IidTrustAnchor(
        name,
        X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()),
        certificate.getSerialNumber(),
        certificate.getPublicKey(),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant());
  }

  String serialHex() {
    return serial.toString(16);
  }

  /** For messages and fields: {@code rsa2048/us-west-2 (serial b64bde5ad00924cc)}. */
  String describe() {
    return name + " (serial " + serialHex() + ")";
  }
}
