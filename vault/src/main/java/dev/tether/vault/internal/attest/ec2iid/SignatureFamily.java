package dev.tether.vault.internal.attest.ec2iid;

import java.util.Map;
import java.util.Set;

/**
 * The two ways AWS signs a PKCS#7 instance identity document, each with its own set of
 * certificates: {@code /rsa2048} (RSA-2048 with SHA-256) and {@code /pkcs7} (DSA with SHA-1).
 */
enum SignatureFamily {
  RSA("rsa2048", Set.of("1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11")),
  DSA("dsa", Set.of("1.2.840.10040.4.1", "1.2.840.10040.4.3"));

  // Digests AWS uses (SHA-256 for rsa2048, SHA-1 for pkcs7) plus their stronger siblings; the
  // signer's digest algorithm is not covered by a DSA signature, so the list stays short.
  private static final Map<String, String> DIGESTS =
      Map.of(
          "1.3.14.3.2.26", "SHA-1",
          "2.16.840.1.101.3.4.2.1", "SHA-256",
          "2.16.840.1.101.3.4.2.2", "SHA-384",
          "2.16.840.1.101.3.4.2.3", "SHA-512");

  private final String anchorFolder;
  private final Set<String> signatureOids;

  SignatureFamily(String anchorFolder, Set<String> signatureOids) {
    this.anchorFolder = anchorFolder;
    this.signatureOids = signatureOids;
  }

  /** The family a SignerInfo's signature algorithm OID belongs to, or {@code null}. */
  static SignatureFamily bySignatureOid(String oid) {
    for (SignatureFamily family : values()) {
      if (family.signatureOids.contains(oid)) {
        return family;
      }
    }
    return null;
  }

  /** The digest's name if this family accepts it, else {@code null}. */
  String acceptedDigest(String digestOid) {
    String name = DIGESTS.get(digestOid);
    if (name == null) {
      return null;
    }
    // RSA-2048 documents are SHA-256; SHA-1 is accepted only where AWS still uses it (DSA).
    return this == RSA && name.equals("SHA-1") ? null : name;
  }

  /** The index section and folder of this family's certificates, e.g. {@code rsa2048}. */
  String anchorFolder() {
    return anchorFolder;
  }

  /** How operators name it, e.g. {@code RSA-2048/SHA-256}. */
  String displayName(String digestName) {
    return (this == RSA ? "RSA-2048/" : "DSA/") + digestName;
  }
}
