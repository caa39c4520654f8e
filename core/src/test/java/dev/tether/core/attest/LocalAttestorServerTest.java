package dev.tether.core.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.pop.WorkloadKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalAttestorServerTest {

  private static final LauncherKey LAUNCHER = LauncherKey.generate();
  private static final Map<String, PublicKey> TRUSTED = Map.of(LAUNCHER.id(), LAUNCHER.publicKey());
  private static final String KEY = WorkloadKey.generate().thumbprint();

  private final HttpClient client = HttpClient.newHttpClient();
  private LocalAttestor attestor;
  private LocalAttestorServer server;

  @BeforeEach
  void start() throws Exception {
    attestor = new LocalAttestor(LAUNCHER, "pid 4242");
    server = LocalAttestorServer.start(attestor);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void servesOnLoopbackEvidenceThatVerifies() throws Exception {
    assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.url().getPort()).isPositive();

    HttpResponse<String> response = post(body(attestor.ticket(), "nonce-1", KEY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject json = (JsonObject) JsonReader.parse(response.body());
    assertThat(json.members().keySet()).containsExactly("evidence");
    String evidence = ((JsonString) json.get("evidence")).value();
    assertThat(LocalEvidence.verify(evidence, TRUSTED))
        .satisfies(s -> assertThat(s.nonce()).isEqualTo("nonce-1"))
        .satisfies(s -> assertThat(s.keyThumbprint()).isEqualTo(KEY))
        .satisfies(s -> assertThat(s.workload()).isEqualTo("pid 4242"))
        .satisfies(s -> assertThat(s.launcher()).isEqualTo(LAUNCHER.id()));
  }

  @Test
  void aWrongTicketIsRefusedAndNotEchoed() throws Exception {
    String wrong = "wrong-ticket-" + "x".repeat(30);

    HttpResponse<String> response = post(body(wrong, "nonce-1", KEY));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"error\":\"local_attestor_refused\"")
        .contains("wrong launch ticket")
        .doesNotContain(wrong);
    assertThat(attestor.boundKey()).isNull();
  }

  @Test
  void theFirstKeyBindsTheLaunchAndASecondKeyIsRefused() throws Exception {
    assertThat(post(body(attestor.ticket(), "n1", KEY)).statusCode()).isEqualTo(200);
    assertThat(post(body(attestor.ticket(), "n2", KEY)).statusCode()).isEqualTo(200);

    HttpResponse<String> second =
        post(body(attestor.ticket(), "n3", WorkloadKey.generate().thumbprint()));

    assertThat(second.statusCode()).isEqualTo(403);
    assertThat(second.body()).contains("local_attestor_refused")
        .contains("bound to workload key " + KEY)
        .doesNotContain(attestor.ticket());
  }

  @Test
  void malformedBodiesAreInvalidRequestsThatNeverQuoteTheTicket() throws Exception {
    String ticket = attestor.ticket();
    String[] bodies = {
      "",
      "not json",
      "[]",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"n\"}",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"n\",\"jkt\":7}",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"n\",\"jkt\":\"k\",\"extra\":1}",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"n\",\"jkt\":\"k\",\"ticket\":\"t\"}",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"n\u0001\",\"jkt\":\"k\"}",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"" + "n".repeat(300) + "\",\"jkt\":\"k\"}",
      "{\"ticket\":\"" + ticket + "\",\"nonce\":\"" + "n".repeat(5000) + "\",\"jkt\":\"k\"}",
    };
    for (String body : bodies) {
      HttpResponse<String> response = post(body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).as(body).contains("\"error\":\"invalid_request\"")
          .doesNotContain(ticket);
    }
    assertThat(post("{\"ticket\":\"" + ticket + "\",\"nonce\":\"" + "n".repeat(5000) + "\"}")
        .body()).contains("over 4096 bytes");
    assertThat(attestor.boundKey()).isNull();
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    HttpResponse<String> get = client.send(
        HttpRequest.newBuilder(evidenceUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    HttpResponse<String> put = client.send(
        HttpRequest.newBuilder(evidenceUri())
            .PUT(HttpRequest.BodyPublishers.ofString(body(attestor.ticket(), "n", KEY)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);

    HttpResponse<String> elsewhere = client.send(
        HttpRequest.newBuilder(server.url().resolve("/v1/other"))
            .POST(HttpRequest.BodyPublishers.ofString(body(attestor.ticket(), "n", KEY)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(attestor.boundKey()).isNull();
  }

  @Test
  void anUnlabelledAttestorAnswersOnceItIsLabelled() throws Exception {
    LocalAttestor unlabelled = new LocalAttestor(LAUNCHER);
    try (LocalAttestorServer early = LocalAttestorServer.start(unlabelled)) {
      CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
          HttpRequest.newBuilder(early.url().resolve(LocalAttestorServer.PATH))
              .POST(HttpRequest.BodyPublishers.ofString(body(unlabelled.ticket(), "n", KEY)))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      unlabelled.labelWorkload("pid 7");

      HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      String evidence =
          ((JsonString) ((JsonObject) JsonReader.parse(response.body())).get("evidence")).value();
      assertThat(LocalEvidence.verify(evidence, TRUSTED).workload()).isEqualTo("pid 7");
    }
  }

  private URI evidenceUri() {
    return server.url().resolve(LocalAttestorServer.PATH);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(evidenceUri())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String body(String ticket, String nonce, String jkt) {
    return JsonWriter.write(
        JsonObject.builder().put("ticket", ticket).put("nonce", nonce).put("jkt", jkt).build());
  }
}
