package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.pop.PopProofs;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --tls-cert FILE --tls-key FILE}: the Vault answers HTTPS to a client that trusts its
 * certificate (proofs of possession naming the {@code https://} URL), and nothing to plain HTTP
 * or to a client that does not trust it. The certificates are made here, self-signed.
 */
class VaultTlsTest {

  @TempDir static Path dir;

  private static X509Certificate certificate;
  private static Path certificateFile;
  private static Path keyFile;
  private static Path otherKeyFile;

  @BeforeAll
  static void makeCertificates() throws Exception {
    KeyPair pair = rsa();
    certificate = selfSigned(pair);
    certificateFile = dir.resolve("vault.crt");
    keyFile = dir.resolve("vault.key");
    otherKeyFile = dir.resolve("other.key");
    pem(certificateFile, certificate);
    pem(keyFile, new JcaPKCS8Generator(pair.getPrivate(), null));
    pem(otherKeyFile, rsa().getPrivate()); // PKCS#1, "RSA PRIVATE KEY", as OpenSSL writes it
  }

  @Test
  void aClientThatTrustsTheCertificateGetsAnswersOverHttps() throws Exception {
    try (TetherVault vault =
        TetherVault.start(TokenFlow.settings(), VaultTls.fromPem(certificateFile, keyFile))) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();

      assertThat(vault.url().getScheme()).isEqualTo("https");
      HttpResponse<String> health = client.send(
          HttpRequest.newBuilder(vault.url().resolve("/healthz")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.sslSession()).get()
          .satisfies(session -> assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));

      URI nonces = vault.url().resolve("/v1/attestations/nonces");
      HttpResponse<String> nonce = client.send(HttpRequest.newBuilder(nonces)
          .header("Authorization", "Bearer " + vault.agentToken())
          .header("Content-Type", "application/json")
          .header(PopProofs.HEADER, WorkloadProofs.proof(nonces, vault.agentToken()))
          .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"local\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(nonce.statusCode()).as("a proof for the https:// URL: " + nonce.body())
          .isEqualTo(200);

      URI asHttp = vault.url().resolve("/v1/attestations/nonces");
      HttpResponse<String> wrongScheme = client.send(HttpRequest.newBuilder(asHttp)
          .header("Authorization", "Bearer " + vault.agentToken())
          .header(PopProofs.HEADER, WorkloadProofs.proof(
              "http://" + asHttp.getRawAuthority() + asHttp.getRawPath(), vault.agentToken()))
          .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"local\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrongScheme.body()).as("a proof for the http:// URL").contains("pop_wrong_target");
    }
  }

  @Test
  void plainHttpAndUntrustingClientsGetNoAnswer() throws Exception {
    try (TetherVault vault =
        TetherVault.start(TokenFlow.settings(), VaultTls.fromPem(certificateFile, keyFile))) {
      URI plain = URI.create("http://127.0.0.1:" + vault.url().getPort() + "/healthz");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

      assertThatThrownBy(() -> client.send(
          HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> client.send(
          HttpRequest.newBuilder(vault.url().resolve("/healthz")).GET().build(),
          HttpResponse.BodyHandlers.ofString()))
          .as("the default trust store does not know the certificate")
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void serveTakesBothFilesAndSaysWhatIsWrongWithThem() throws Exception {
    Map<String, String> env = Map.of(VaultMain.TOKEN_ENV, "agent-token-0123456789",
        VaultMain.ORCHESTRATOR_TOKEN_ENV, "orchestrator-token-0123456789");
    String cert = certificateFile.toString();

    String key = keyFile.toString();
    assertThat(ServeCommand.parse(new String[] {"serve", "--tls-cert", cert, "--tls-key", key},
        env)).isNotNull();
    assertThatThrownBy(() -> ServeCommand.parse(new String[] {"serve", "--tls-cert", cert}, env))
        .hasMessageContaining("TLS needs both --tls-cert FILE")
        .hasMessageContaining("--tls-key is missing");
    assertThatThrownBy(() -> ServeCommand.parse(
        new String[] {"serve", "--tls-cert", cert, "--tls-key", otherKeyFile.toString()}, env))
        .hasMessageContaining("is not the key of the first certificate in " + cert)
        .hasMessageContaining("CN=tether-vault-test");
    assertThatThrownBy(() -> VaultTls.fromPem(keyFile, keyFile))
        .hasMessageContaining("is not a PEM certificate chain");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> VaultTls.fromPem(empty, keyFile))
        .hasMessageContaining("holds no certificate");
    assertThatThrownBy(() -> VaultTls.fromPem(certificateFile, certificateFile))
        .hasMessageContaining("holds no private key");
    assertThatThrownBy(() -> VaultTls.fromPem(certificateFile, dir.resolve("missing.key")))
        .hasMessageContaining("cannot read the TLS key file");
    assertThat(VaultTls.fromPem(certificateFile, keyFile).toString())
        .contains("CN=tether-vault-test").contains("key=<redacted>");
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  // For 127.0.0.1 and localhost: the client checks the name it connected to.
  private static X509Certificate selfSigned(KeyPair pair) throws Exception {
    X500Name name = new X500Name("CN=tether-vault-test");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
        new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.dNSName, "localhost")
        }));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
  }

  private static SSLContext trusting(X509Certificate trusted) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("vault", trusted);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static void pem(Path file, Object object) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      if (object instanceof PemObjectGenerator generator) {
        pem.writeObject(generator);
      } else {
        pem.writeObject(object);
      }
    }
  }
}
