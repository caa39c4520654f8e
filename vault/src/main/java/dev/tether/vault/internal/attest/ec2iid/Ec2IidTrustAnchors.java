package dev.tether.vault.internal.attest.ec2iid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The AWS certificates that sign instance identity documents, per region and signature family,
 * loaded from {@code attestation/ec2-iid/index.json} on the class path. Each file is pinned by the
 * index (DER SHA-256 and serial), so a damaged or swapped resource stops a Vault that accepts
 * {@code ec2-iid} at start instead of silently trusting another key. A Vault that does not accept
 * the kind never reads them.
 */
final class Ec2IidTrustAnchors {

  static final String BUNDLED_ROOT = "attestation/ec2-iid/";

  private static final class Bundled {
    static final Ec2IidTrustAnchors INSTANCE = load(BUNDLED_ROOT);
  }

  private final Map<String, IidTrustAnchor> rsa2048ByRegion;
  private final Map<String, IidTrustAnchor> dsaByRegion;
  private final Set<String> dsaNotBundled;

  private Ec2IidTrustAnchors(
      Map<String, IidTrustAnchor> rsa2048ByRegion,
      Map<String, IidTrustAnchor> dsaByRegion,
      Set<String> dsaNotBundled) {
    this.rsa2048ByRegion = Collections.unmodifiableMap(rsa2048ByRegion);
    this.dsaByRegion = Collections.unmodifiableMap(dsaByRegion);
    this.dsaNotBundled = Collections.unmodifiableSet(dsaNotBundled);
  }

  /** The certificates shipped in the Vault jar (loaded once). */
  static Ec2IidTrustAnchors bundled() {
    return Bundled.INSTANCE;
  }

  /** The certificate for this family and region, or {@code null}. */
  IidTrustAnchor find(SignatureFamily family, String region) {
    return (family == SignatureFamily.RSA ? rsa2048ByRegion : dsaByRegion).get(region);
  }

  /** Regions that have a certificate for this family. */
  Set<String> regions(SignatureFamily family) {
    return (family == SignatureFamily.RSA ? rsa2048ByRegion : dsaByRegion).keySet();
  }

  /** Why {@link #find} has nothing for this region, and what to do. */
  String missingHint(SignatureFamily family, String region) {
    if (family == SignatureFamily.DSA && dsaNotBundled.contains(region)) {
      return "AWS signs /pkcs7 documents of "
          + region
          + " with a certificate of its own that Tether does not bundle; send the /rsa2048"
          + " document instead";
    }
    if (family == SignatureFamily.DSA && rsa2048ByRegion.containsKey(region)) {
      return "no DSA certificate is bundled for "
          + region
          + " (AWS may publish one for it); send the /rsa2048 document instead";
    }
    return "no AWS instance identity certificate is bundled for this region; if it is a new AWS"
        + " region, add its certificate from the AWS page 'Instance identity document signature"
        + " certificates' (regions-certs)";
  }

  static Ec2IidTrustAnchors load(String root) {
    JsonNode index = readJson(root + "index.json");
    Map<String, IidTrustAnchor> rsa = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : index.path("rsa2048").properties()) {
      X509Certificate certificate = readPinned(root, entry.getValue());
      if (!(certificate.getPublicKey() instanceof RSAPublicKey)
          || ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength() != 2048) {
        throw new IllegalStateException(
            root + "rsa2048/" + entry.getKey() + " does not hold an RSA-2048 key");
      }
      rsa.put(entry.getKey(), IidTrustAnchor.of("rsa2048/" + entry.getKey(), certificate));
    }
    JsonNode dsaSection = index.path("dsa");
    Map<String, IidTrustAnchor> dsaCertificates = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : dsaSection.path("certificates").properties()) {
      X509Certificate certificate = readPinned(root, entry.getValue());
      if (!(certificate.getPublicKey() instanceof DSAPublicKey)) {
        throw new IllegalStateException(
            root + "dsa/" + entry.getKey() + " does not hold a DSA key");
      }
      dsaCertificates.put(entry.getKey(), IidTrustAnchor.of("dsa/" + entry.getKey(), certificate));
    }
    Map<String, IidTrustAnchor> dsa = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : dsaSection.path("regions").properties()) {
      IidTrustAnchor anchor = dsaCertificates.get(entry.getValue().asText());
      if (anchor == null) {
        throw new IllegalStateException(
            root + "index.json: DSA region " + entry.getKey() + " names no listed certificate");
      }
      dsa.put(entry.getKey(), anchor);
    }
    Set<String> notBundled = new HashSet<>();
    dsaSection.path("separateCertificateNotBundled").forEach(node -> notBundled.add(node.asText()));
    if (rsa.isEmpty() || dsa.isEmpty()) {
      throw new IllegalStateException(root + "index.json lists no certificates");
    }
    return new Ec2IidTrustAnchors(rsa, dsa, notBundled);
  }

  private static X509Certificate readPinned(String root, JsonNode entry) {
    String file = entry.path("file").asText();
    X509Certificate certificate;
    try (InputStream in = open(root + file)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      if (!HexFormat.of().formatHex(sha256).equals(entry.path("sha256").asText())) {
        throw new IllegalStateException(root + file + " does not match its SHA-256 in index.json");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root + file, e);
    } catch (CertificateException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(root + file + " is not an X.509 certificate", e);
    }
    if (!certificate.getSerialNumber().equals(new BigInteger(entry.path("serial").asText(), 16))) {
      throw new IllegalStateException(root + file + " does not have the serial index.json gives");
    }
    return certificate;
  }

  private static JsonNode readJson(String resource) {
    try (InputStream in = open(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = Ec2IidTrustAnchors.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is missing from the class path");
    }
    return in;
  }
}
