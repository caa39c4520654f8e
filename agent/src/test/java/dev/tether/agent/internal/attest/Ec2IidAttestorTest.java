package dev.tether.agent.internal.attest;

import static dev.tether.agent.internal.attest.LocalAttestorClientTest.nonce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a loopback server shaped like IMDSv2: a session token from PUT, required on every GET,
 * and the real instance identity documents AWS serves.
 */
class Ec2IidAttestorTest {

  private static final String RSA2048 =
      "/attestation/ec2-iid/teleport-instance1_2021-09-03_us-west-2.rsa2048.b64";
  private static final String PKCS7_PEM =
      "/attestation/ec2-iid/mozilla-pkcs7_2016-04-08_us-east-1.p7.pem";

  private final WorkloadKey key = WorkloadKey.generate();
  private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
  private final List<String> requests = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;
  private String imds;
  private volatile int tokenStatus = 200;
  private volatile boolean forgetTokens;
  private volatile boolean hang;

  @BeforeEach
  void startImds() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
    imds = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopImds() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String ttl = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
    String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
    synchronized (requests) {
      requests.add(method + " " + path + (ttl != null ? " ttl=" + ttl : ""));
    }
    if (hang) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    if (method.equals("PUT") && path.equals("/latest/api/token")) {
      if (tokenStatus != 200) {
        respond(exchange, tokenStatus, "");
      } else if (ttl == null || !ttl.matches("[1-9][0-9]{0,4}")) {
        respond(exchange, 400, "");
      } else {
        String issued = randomToken();
        issuedTokens.add(issued);
        respond(exchange, 200, issued);
      }
      return;
    }
    if (!method.equals("GET")) {
      respond(exchange, 405, "");
      return;
    }
    if (token == null || forgetTokens || !issuedTokens.contains(token)) {
      respond(exchange, 401, ""); // IMDSv2 required: no GET without a session token
      return;
    }
    switch (path) {
      case "/latest/dynamic/instance-identity/rsa2048":
        respond(exchange, 200, resource(RSA2048));
        break;
      case "/latest/dynamic/instance-identity/pkcs7":
        respond(exchange, 200, pkcs7AsImdsServesIt());
        break;
      default:
        respond(exchange, 404, "");
    }
  }

  @Test
  void readsTheRsa2048DocumentWithASessionToken() throws Exception {
    Evidence evidence = new Ec2IidAttestor(imds, "rsa2048").evidence("bm9uY2U", key);

    assertThat(evidence.kind()).isEqualTo("ec2-iid");
    assertThat(evidence.nonce()).isEqualTo("bm9uY2U");
    assertThat(evidence.document()).isEqualTo(resource(RSA2048));
    String signedJson =
        new String(
            Base64.getMimeDecoder().decode(evidence.document()), StandardCharsets.ISO_8859_1);
    assertThat(signedJson).contains("\"instanceId\" : \"i-078517ca8a70a1dde\"");
    assertThat(requests)
        .containsExactly(
            "PUT /latest/api/token ttl=60", "GET /latest/dynamic/instance-identity/rsa2048");
  }

  @Test
  void readsThePkcs7DocumentWhenAskedTo() throws Exception {
    Evidence evidence = new Ec2IidAttestor(imds + "/", "pkcs7").evidence(nonce(), key);

    assertThat(evidence.document()).isEqualTo(pkcs7AsImdsServesIt());
    assertThat(evidence.document())
        .doesNotContain("BEGIN PKCS7")
        .startsWith("MIAGCSqGSIb3DQEHAqCA");
    assertThat(requests)
        .containsExactly(
            "PUT /latest/api/token ttl=60", "GET /latest/dynamic/instance-identity/pkcs7");
  }

  @Test
  void theTestImdsRefusesAGetWithoutAToken() throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection)
            URI.create(imds + "/latest/dynamic/instance-identity/rsa2048")
                .toURL()
                .openConnection(Proxy.NO_PROXY);
    assertThat(connection.getResponseCode()).isEqualTo(401);
    connection.disconnect();
  }

  @Test
  void aRefusedTokenOrDocumentIsReportedWithoutTheToken() {
    forgetTokens = true;
    assertThatThrownBy(() -> new Ec2IidAttestor(imds, "rsa2048").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the instance metadata service at "
                + imds
                + " refused the instance identity document"
                + " (/latest/dynamic/instance-identity/rsa2048, HTTP 401); it did not accept the"
                + " session token it issued a moment ago, try again")
        .satisfies(
            e -> {
              for (String token : issuedTokens) {
                assertThat(e.getMessage()).doesNotContain(token);
              }
            });
    assertThat(issuedTokens).hasSize(1);

    forgetTokens = false;
    tokenStatus = 403;
    assertThatThrownBy(() -> new Ec2IidAttestor(imds, "rsa2048").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the instance metadata service at "
                + imds
                + " gave no IMDSv2 session token (PUT /latest/api/token, HTTP 403); check that the"
                + " instance's metadata options have the endpoint enabled (aws ec2"
                + " modify-instance-metadata-options --http-endpoint enabled)");
  }

  @Test
  void anUnreachableOrSilentImdsIsReported() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String gone = "http://127.0.0.1:" + closedPort;
    assertThatThrownBy(() -> new Ec2IidAttestor(gone, "rsa2048").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "cannot reach the instance metadata service at "
                + gone
                + " (ConnectException); ec2-iid attestation works only on an EC2 instance with"
                + " the metadata service enabled; elsewhere choose another attestation provider");

    hang = true;
    assertThatThrownBy(() -> new Ec2IidAttestor(imds, "rsa2048").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "the instance metadata service at "
                + imds
                + " did not answer PUT /latest/api/token in time;")
        .hasMessageContaining("--http-put-response-hop-limit 2");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Ec2IidAttestorTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** IMDS serves the PKCS#7 body without the PEM lines the vector file has. */
  private static String pkcs7AsImdsServesIt() throws IOException {
    return resource(PKCS7_PEM)
        .replace("-----BEGIN PKCS7-----\n", "")
        .replace("-----END PKCS7-----\n", "")
        .strip();
  }

  private static String randomToken() {
    byte[] bytes = new byte[40];
    new SecureRandom().nextBytes(bytes);
    return "AQAEA" + Base64.getEncoder().encodeToString(bytes);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
