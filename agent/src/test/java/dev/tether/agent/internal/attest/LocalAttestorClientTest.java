package dev.tether.agent.internal.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalEvidence;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.attest.LocalStatement;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real loopback attestor that answers with core's {@link LocalAttestor}. */
class LocalAttestorClientTest {

  private final LauncherKey launcher = LauncherKey.generate();
  private final LocalAttestor attestor = new LocalAttestor(launcher, "pid 1");
  private final WorkloadKey key = WorkloadKey.generate();
  private final List<String> requests = new ArrayList<>();
  private HttpServer server;
  private String url;

  /** What the attestor answers instead of evidence, when set: status and body. */
  private volatile Object[] cannedAnswer;

  @BeforeEach
  void startAttestor() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/evidence", this::handle);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopAttestor() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    synchronized (requests) {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
    }
    if (cannedAnswer != null) {
      respond(exchange, (Integer) cannedAnswer[0], ((String) cannedAnswer[1]).getBytes());
      return;
    }
    JsonObject request = (JsonObject) JsonReader.parse(body);
    try {
      String evidence =
          attestor.evidence(
              text(request, "ticket"),
              text(request, "nonce"),
              text(request, "jkt"),
              System.currentTimeMillis() / 1000);
      respond(
          exchange,
          200,
          JsonWriter.writeUtf8(JsonObject.builder().put("evidence", evidence).build()));
    } catch (LocalEvidenceException e) {
      respond(
          exchange,
          403,
          JsonWriter.writeUtf8(
              JsonObject.builder()
                  .put("error", "local_attestor_refused")
                  .put("message", e.getMessage())
                  .build()));
    }
  }

  @Test
  void evidenceFromTheLauncherVerifiesForThisKeyAndNonce() throws Exception {
    LocalAttestorClient client = new LocalAttestorClient(url, attestor.ticket());
    String nonce = nonce();

    Evidence evidence = client.evidence(nonce, key);

    assertThat(evidence.kind()).isEqualTo("local");
    assertThat(evidence.nonce()).isEqualTo(nonce);
    LocalStatement statement =
        LocalEvidence.verify(evidence.document(), Map.of(launcher.id(), launcher.publicKey()));
    assertThat(statement.nonce()).isEqualTo(nonce);
    assertThat(statement.keyThumbprint()).isEqualTo(key.thumbprint());
    assertThat(statement.workload()).isEqualTo("pid 1");
    assertThat(requests).containsExactly("POST /v1/evidence");
    assertThat(client.kind()).isEqualTo("local");
  }

  @Test
  void reattestationWorksForTheSameKeyOnly() throws Exception {
    LocalAttestorClient client = new LocalAttestorClient(url + "/", attestor.ticket());
    client.evidence(nonce(), key);
    Evidence again = client.evidence(nonce(), key);
    assertThat(LocalEvidence.verify(again.document(), Map.of(launcher.id(), launcher.publicKey())))
        .isNotNull();

    WorkloadKey other = WorkloadKey.generate();
    assertThatThrownBy(() -> client.evidence(nonce(), other))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "the local attestor at "
                + url
                + " refused to vouch for this workload (HTTP 403,"
                + " local_attestor_refused): this launch is bound to workload key "
                + key.thumbprint());
  }

  @Test
  void aWrongTicketIsRefusedWithoutQuotingIt() {
    String wrong = "not-the-ticket-" + nonce();
    LocalAttestorClient client = new LocalAttestorClient(url, wrong);

    assertThatThrownBy(() -> client.evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageContaining("(HTTP 403, local_attestor_refused): wrong launch ticket")
        .message()
        .doesNotContain(wrong)
        .doesNotContain(attestor.ticket());
    assertThat(client.toString()).doesNotContain(wrong).contains("<redacted>");
  }

  @Test
  void withoutAddressOrTicketItSaysHowToStartTheWorkload() {
    assertThatThrownBy(() -> new LocalAttestorClient(null, "t").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "no local attestor to ask for evidence: TETHER_LOCAL_ATTESTOR is not set; start the"
                + " workload through 'java -jar tether-agent.jar launch -- COMMAND...'");
    assertThatThrownBy(() -> new LocalAttestorClient(url, " ").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "no launch ticket for the local attestor at "
                + url
                + ": TETHER_LOCAL_ATTESTOR_TICKET is not set; start the workload through"
                + " 'java -jar tether-agent.jar launch -- COMMAND...'");
    assertThat(requests).isEmpty();
  }

  @Test
  void aBadAddressIsNamedWithoutItsPassword() {
    assertThatThrownBy(
            () ->
                new LocalAttestorClient("http://u:hunter2@127.0.0.1:1", "t").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith("the local attestor address is not an http(s) URL")
        .message()
        .doesNotContain("hunter2");
    assertThatThrownBy(() -> new LocalAttestorClient("127.0.0.1:9750", "t").evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageContaining("set TETHER_LOCAL_ATTESTOR or attestation.local.attestor");
    assertThat(new LocalAttestorClient("http://u:hunter2@127.0.0.1:1", "t").toString())
        .doesNotContain("hunter2");
  }

  @Test
  void anAttestorThatIsGoneOrAnswersNonsenseIsReported() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String gone = "http://127.0.0.1:" + closedPort;
    assertThatThrownBy(
            () -> new LocalAttestorClient(gone, attestor.ticket()).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "cannot reach the local attestor at " + gone + " (ConnectException");

    cannedAnswer = new Object[] {200, "{\"evidence\": 42}"};
    assertThatThrownBy(() -> new LocalAttestorClient(url, attestor.ticket()).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "the local attestor at " + url + " answered 200 without {\"evidence\": \"tla1...\"}");

    cannedAnswer = new Object[] {500, "<html>oops</html>"};
    assertThatThrownBy(() -> new LocalAttestorClient(url, attestor.ticket()).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the local attestor at " + url + " refused to vouch for this workload (HTTP 500)");
  }

  @Test
  void addressAndTicketComeFromTheConfigurationTheEnvironmentOrSystemProperties() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("tether.local.attestor", "http://127.0.0.1:1");
    properties.setProperty("tether.local.attestor.ticket", "from-property");

    LocalAttestorClient fromEnv =
        LocalAttestorClient.fromEnvironment(
            new AttestationConfig.Local(null),
            Map.of("TETHER_LOCAL_ATTESTOR", url, "TETHER_LOCAL_ATTESTOR_TICKET", attestor.ticket()),
            properties);
    assertThat(fromEnv.evidence(nonce(), key).document()).startsWith("tla1.");

    LocalAttestorClient fromProperties =
        LocalAttestorClient.fromEnvironment(
            new AttestationConfig.Local(null), Map.of(), properties);
    assertThat(fromProperties.toString())
        .isEqualTo("LocalAttestorClient[attestor=http://127.0.0.1:1, ticket=<redacted>]");

    LocalAttestorClient configured =
        LocalAttestorClient.fromEnvironment(
            new AttestationConfig.Local(url),
            Map.of(
                "TETHER_LOCAL_ATTESTOR",
                "http://127.0.0.1:1",
                "TETHER_LOCAL_ATTESTOR_TICKET",
                attestor.ticket()),
            properties);
    assertThat(configured.evidence(nonce(), key).kind()).isEqualTo("local");

    LocalAttestorClient none =
        LocalAttestorClient.fromEnvironment(
            new AttestationConfig.Local(null), Map.of(), new Properties());
    assertThat(none.toString()).isEqualTo("LocalAttestorClient[attestor=null, ticket=none]");
  }

  private static String text(JsonObject object, String name) {
    return object.get(name) instanceof JsonString s ? s.value() : null;
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static String nonce() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
