package dev.tether.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The certificate chain and private key the Vault serves HTTPS with ({@code serve --tls-cert FILE
 * --tls-key FILE}), read from PEM once at start: TLS 1.3 and 1.2 only. {@link #toString()} names
 * the certificate, never the key.
 */
public final class VaultTls {

  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;
  private final X509Certificate certificate;

  private VaultTls(SSLContext context, X509Certificate certificate) {
    this.context = context;
    this.certificate = certificate;
  }

  /**
   * Reads a PEM certificate chain (the server's certificate first, then its intermediates) and
   * its PEM private key (PKCS#8 {@code PRIVATE KEY}, or RSA PKCS#1 and EC SEC1 as OpenSSL writes
   * them; not encrypted).
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static VaultTls fromPem(Path certificateChain, Path privateKey) {
    List<X509Certificate> chain = certificates(certificateChain);
    PrivateKey key = privateKey(privateKey);
    checkPair(chain.get(0), key, certificateChain, privateKey);
    try {
      char[] password = new char[0]; // the store lives in memory only, for the key manager
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("vault", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return new VaultTls(context, chain.get(0));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot serve TLS with " + certificateChain + " and " + privateKey + " ("
              + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  /** The context the HTTPS server runs with. */
  public SSLContext context() {
    return context;
  }

  /** The protocols the Vault offers: TLS 1.3 and 1.2. */
  public static String[] protocols() {
    return PROTOCOLS.clone();
  }

  /** The server certificate, first of the chain. */
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public String toString() {
    return "VaultTls[certificate=" + certificate.getSubjectX500Principal().getName()
        + ", key=<redacted>]";
  }

  private static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate certificate : CertificateFactory.getInstance("X.509")
          .generateCertificates(in)) {
        chain.add((X509Certificate) certificate);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS certificate file " + file + " (" + e.getClass().getSimpleName()
              + "); check --tls-cert", e);
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException(
          "the TLS certificate file " + file + " is not a PEM certificate chain ("
              + e.getMessage() + "); give the server certificate first, then its"
              + " intermediates, each as -----BEGIN CERTIFICATE-----", e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "the TLS certificate file " + file + " holds no certificate; give the server"
              + " certificate (-----BEGIN CERTIFICATE-----) first, then its intermediates");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS key file " + file + " (" + e.getClass().getSimpleName()
              + "); check --tls-key", e);
    }
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) { // the parser's messages quote no key material
      throw new IllegalArgumentException(
          "the TLS key file " + file + " is not a PEM private key; give an unencrypted"
              + " -----BEGIN PRIVATE KEY----- (PKCS#8), RSA or EC PRIVATE KEY", e);
    }
    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new IllegalArgumentException(
          "the TLS key file " + file + " is encrypted; the Vault reads unencrypted keys only"
              + " (openssl pkey -in KEY -out KEY.plain), kept readable by its user alone");
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the TLS key file " + file + " holds a key of a kind this JDK cannot use ("
              + e.getMessage() + "); use RSA or EC", e);
    }
    throw new IllegalArgumentException(
        "the TLS key file " + file + " holds no private key"
            + (object == null ? "" : " (it holds a " + object.getClass().getSimpleName() + ")")
            + "; give -----BEGIN PRIVATE KEY----- (PKCS#8), RSA or EC PRIVATE KEY");
  }

  // A key that is not the certificate's would only fail at each client's handshake.
  private static void checkPair(
      X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {
    PublicKey publicKey = certificate.getPublicKey();
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    boolean matches = false;
    if (algorithm != null) {
      try {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        matches = verifier.verify(signature);
      } catch (GeneralSecurityException e) {
        matches = false; // a key of another kind than the certificate's
      }
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "the TLS key in " + keyFile + " is not the key of the first certificate in "
              + certificateFile + " (" + certificate.getSubjectX500Principal().getName()
              + "); give that certificate's own private key, and the server certificate first");
    }
  }
}
