package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.http.Bodies;
import dev.tether.vault.internal.http.RequestChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed, oversized and unknown-field requests each get a 4xx with a clear reason, and nothing
 * is stored (issue 7). Every bad request to an endpoint carries the very proof of possession (and
 * nonce, grant or token) that the endpoint's valid request uses; that valid request, sent last
 * with the same proof, must then succeed. Had any bad request reached the endpoint, the proof's id
 * would be remembered ({@code pop_replayed}), the nonce spent, the grant redeemed or the token
 * minted, and the last request would fail.
 */
class RequestValidationTest {

  private static final long APP_ID = 515151;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static GitHubShapedServer gitHub;
  private static TetherVault vault;
  private static TokenFlow flow;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair app = rsa.generateKeyPair();
    gitHub = new GitHubShapedServer(APP_ID, app.getPublic());
    vault =
        TetherVault.start(
            TokenFlow.settings()
                .withGitHub(
                    new GitHubApp(APP_ID, app.getPrivate(), gitHub.url(), Map.of("acme", 77L),
                        Map.of("read_file", Map.of("contents", "read")))));
    flow = new TokenFlow(vault);
  }

  @AfterAll
  static void stop() {
    vault.close();
    gitHub.close();
  }

  @Test
  void grantsRefuseBadRequests() throws Exception {
    ObjectNode valid =
        json(WireJson.write(new GrantRequest("t-1", "alice", List.of("acme/app"),
            List.of("read_file"), 0)));

    assertAllRefused("/v1/grants", vault.orchestratorToken(), null, malformed(valid, "task_id"));

    assertThat(post("/v1/grants", vault.orchestratorToken(), null, valid).statusCode())
        .isEqualTo(200);
  }

  @Test
  void nonceRequestsRefuseBadRequestsWithoutRememberingTheProof() {
    String proof = proof("/v1/attestations/nonces", vault.agentToken());
    ObjectNode valid = json(WireJson.write(new NonceRequest("local")));
    List<Bad> bad = malformed(valid, "kind");
    bad.add(body("a kind of 33 characters", with(valid, "kind", "k".repeat(33)), 400,
        "invalid_request", "field 'kind' of NonceRequest is 33 characters; at most 32"));

    assertAllRefused("/v1/attestations/nonces", vault.agentToken(), proof, bad);

    HttpResponse<String> nonce = post("/v1/attestations/nonces", vault.agentToken(), proof, valid);
    assertThat(nonce.statusCode()).as(nonce.body()).isEqualTo(200);
    assertThat(body(nonce).get("nonce").asText()).hasSize(43);
  }

  @Test
  void redemptionRefusesBadRequestsWithoutSpendingProofNonceOrGrant() throws Exception {
    IssuedToken grant = flow.grant(TokenFlow.TASK, TokenFlow.USER, List.of(TokenFlow.REPO),
        "read_file");
    Evidence evidence = TestLauncher.evidence(vault.url(), vault.agentToken());
    String proof = proof("/v1/tasks", grant.token());
    ObjectNode valid =
        json(WireJson.write(new RedeemRequest(grant.token(), TokenFlow.AGENT, evidence)));
    List<Bad> bad = malformed(valid, "grant");
    // Refused by the endpoint only after nonce, binding and proof, until these were checked first.
    bad.add(body("an agent label with a space", with(valid, "agent", "runtime 1"), 400,
        "invalid_request", "field 'agent' of RedeemRequest (9 characters) is not such a label"));
    bad.add(body("an agent label of 123 characters", with(valid, "agent", "a".repeat(123)), 400,
        "invalid_request", "send 1 to 122 letters"));
    ObjectNode longKind = valid.deepCopy();
    ((ObjectNode) longKind.get("evidence")).put("kind", "k".repeat(33));
    bad.add(body("an evidence kind of 33 characters", longKind, 400, "invalid_request",
        "field 'kind' of RedeemRequest.evidence is 33 characters"));
    ObjectNode longNonce = valid.deepCopy();
    ((ObjectNode) longNonce.get("evidence")).put("nonce", "n".repeat(129));
    bad.add(body("a nonce of 129 characters", longNonce, 400, "invalid_request",
        "field 'nonce' of RedeemRequest.evidence is 129 characters"));
    ObjectNode nestedUnknown = valid.deepCopy();
    ((ObjectNode) nestedUnknown.get("evidence")).put("pcrs", "0");
    bad.add(body("an unknown field in the evidence", nestedUnknown, 400, "invalid_request",
        "unknown field 'pcrs' in RedeemRequest.evidence"));
    ObjectNode nestedWrongType = valid.deepCopy();
    ((ObjectNode) nestedWrongType.get("evidence")).put("document", 7);
    bad.add(body("a number for the evidence document", nestedWrongType, 400, "invalid_request",
        "field 'document'"));

    assertAllRefused("/v1/tasks", vault.agentToken(), proof, bad);

    HttpResponse<String> redeemed = post("/v1/tasks", vault.agentToken(), proof, valid);
    assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
    assertThat(body(redeemed).get("binding").get("kind").asText()).isEqualTo("local");
  }

  @Test
  void reattestationRefusesBadRequestsWithoutSpendingProofOrNonce() throws Exception {
    String task = flow.task("read_file").encode();
    Evidence evidence = TestLauncher.evidence(vault.url(), vault.agentToken());
    String proof = proof("/v1/attestations", task);
    ObjectNode valid = json(WireJson.write(new ReattestRequest(task, evidence)));
    List<Bad> bad = malformed(valid, "token");
    ObjectNode longNonce = valid.deepCopy();
    ((ObjectNode) longNonce.get("evidence")).put("nonce", "n".repeat(129));
    bad.add(body("a nonce of 129 characters", longNonce, 400, "invalid_request",
        "field 'nonce' of ReattestRequest.evidence"));
    ObjectNode noEvidence = valid.deepCopy();
    noEvidence.remove("evidence");
    bad.add(body("no evidence", noEvidence, 400, "invalid_request", "'evidence' is required"));

    assertAllRefused("/v1/attestations", vault.agentToken(), proof, bad);

    HttpResponse<String> renewed = post("/v1/attestations", vault.agentToken(), proof, valid);
    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
  }

  @Test
  void credentialExchangesRefuseBadRequestsWithoutRememberingTheProofOrRecording()
      throws Exception {
    String call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-v1").encode();
    String proof = proof("/v1/aws/credentials", call);
    ObjectNode valid = json(WireJson.write(new AwsCredentialsRequest(call, 0)));
    List<Bad> bad = malformed(valid, "token");
    // The endpoint checked the range only after the proof, which it then remembered.
    for (int seconds : new int[] {899, 3601, -1}) {
      bad.add(body("duration_seconds " + seconds, with(valid, "duration_seconds", seconds), 400,
          "invalid_request", "duration_seconds " + seconds + " is outside the STS range; ask for"
              + " 900 to 3600"));
    }
    bad.add(body("a fractional duration", valid.deepCopy().put("duration_seconds", 900.5), 400,
        "invalid_request", "'duration_seconds'"));
    int recorded = vault.issuances().size();

    assertAllRefused("/v1/aws/credentials", vault.agentToken(), proof, bad);
    assertThat(vault.issuances()).hasSize(recorded);

    HttpResponse<String> credentials =
        post("/v1/aws/credentials", vault.agentToken(), proof, valid);
    assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(200);
    assertThat(vault.issuances()).hasSize(recorded + 1);
  }

  @Test
  void apiTokenExchangesAndIntrospectionRefuseBadRequestsWithoutMintingOrSpending()
      throws Exception {
    String call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-v2").encode();
    String proof = proof("/v1/api-tokens", call);
    ObjectNode valid = json(WireJson.write(new ApiTokenRequest(call, "api.example.com")));
    List<Bad> bad = malformed(valid, "token");
    bad.add(body("an audience that is no host", with(valid, "audience", "api example com"), 400,
        "invalid_request", "field 'audience' must be a host name"));
    bad.add(body("an unknown mode", with(valid, "mode", "forever"), 400, "invalid_request",
        "field 'mode' must be single-use or time-boxed"));

    assertAllRefused("/v1/api-tokens", vault.agentToken(), proof, bad);

    HttpResponse<String> minted = post("/v1/api-tokens", vault.agentToken(), proof, valid);
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
    String token =
        WireJson.read(minted.body().getBytes(StandardCharsets.UTF_8), ApiToken.class).token();

    String form = "token=" + token;
    List<Bad> badForms = new ArrayList<>();
    badForms.add(form("an unknown field", form + "&admin=1", 400, "invalid_request",
        "unknown form field 'admin' in POST /v1/introspect; known fields: [token,"
            + " token_type_hint]"));
    badForms.add(form("the token twice", form + "&" + form, 400, "invalid_request",
        "form field 'token' appears more than once"));
    badForms.add(form("broken percent-encoding", form + "%zz", 400, "invalid_request",
        "malformed percent-encoding in field token"));
    badForms.add(form("no token", "token_type_hint=access_token", 400, "invalid_request",
        "form field 'token' is missing"));
    badForms.add(form("an empty token", "token=", 400, "invalid_request",
        "form field 'token' is empty"));
    badForms.add(
        form("an empty body", "", 400, "invalid_request", "form field 'token' is missing"));
    badForms.add(form("a token of 513 characters", "token=" + "t".repeat(513), 400,
        "invalid_request", "form field 'token' is 513 characters; POST /v1/introspect takes at"
            + " most 512"));
    byte[] notUtf8 = Arrays.copyOf(form.getBytes(StandardCharsets.UTF_8), form.length() + 1);
    notUtf8[form.length()] = (byte) 0xff;
    badForms.add(new Bad("bytes that are not UTF-8", null, FORM, Map.of(), notUtf8, false, 400,
        "invalid_request", "is not UTF-8"));
    badForms.add(new Bad("JSON", null, "application/json", Map.of(),
        ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8), false, 415,
        "unsupported_media_type", "send the body as form-encoded with Content-Type:"
            + " application/x-www-form-urlencoded"));
    badForms.add(new Bad("the token in the query", "token=" + token, FORM, Map.of(),
        bytes(form), false, 400, "invalid_request", "POST /v1/introspect takes no query string"));
    byte[] huge = bytes(form + "&" + "x".repeat(Bodies.LIMIT));
    badForms.add(new Bad("over 64 KiB", null, FORM, Map.of(), huge, false, 413,
        "payload_too_large", "65536 bytes"));
    badForms.add(new Bad("over 64 KiB, chunked", null, FORM, Map.of(), huge, true, 413,
        "payload_too_large", "65536 bytes"));

    assertAllRefused("/v1/introspect", vault.resourceServerToken(), null, badForms);

    assertThat(introspect(form).get("active").asBoolean()).as("spent by a refused request")
        .isTrue();
    assertThat(introspect(form).get("active").asBoolean()).isFalse();
  }

  @Test
  void gitHubTokenExchangesRefuseBadRequestsWithoutAskingGitHub() throws Exception {
    String call = TokenFlow.toolCall(flow.task(TokenFlow.TASK, TokenFlow.USER,
        List.of("acme/app"), "read_file"), "read_file", "call-v3").encode();
    String proof = proof("/v1/github/tokens", call);
    ObjectNode valid = json(WireJson.write(new GitHubTokenRequest(call)));
    int asked = gitHub.received().size();

    assertAllRefused("/v1/github/tokens", vault.agentToken(), proof, malformed(valid, "token"));
    assertThat(gitHub.received()).hasSize(asked);

    HttpResponse<String> token = post("/v1/github/tokens", vault.agentToken(), proof, valid);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    assertThat(gitHub.received()).hasSize(asked + 1);
  }

  @Test
  void getEndpointsTakeNoQueryStringAndNoBody() {
    HttpResponse<String> query = send(HttpRequest.newBuilder(uri("/v1/issuances?since=0"))
        .header("Authorization", "Bearer " + vault.agentToken()).GET());
    assertError(query, 400, "invalid_request",
        "GET /v1/issuances takes no query string (the request has 7 characters after '?'); send"
            + " the request to the path alone");
    HttpResponse<String> withBody = send(HttpRequest.newBuilder(uri("/v1/issuances"))
        .header("Authorization", "Bearer " + vault.agentToken())
        .method("GET", HttpRequest.BodyPublishers.ofString("{}")));
    assertError(withBody, 400, "invalid_request", "GET /v1/issuances takes no body");
    assertError(send(HttpRequest.newBuilder(uri("/healthz?verbose")).GET()), 400,
        "invalid_request", "GET /healthz takes no query string");

    assertThat(send(HttpRequest.newBuilder(uri("/healthz")).GET()).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathsAndWrongMethodsSayWhatIsServed() {
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/v1/grant")).GET());
    assertError(unknown, 404, "not_found", "no such endpoint /v1/grant; the Vault serves POST"
        + " /v1/grants, POST /v1/tasks");
    assertThat(body(unknown).get("message").asText()).contains("POST /v1/introspect",
        "GET /v1/issuances", "GET /healthz");

    HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/v1/tasks")).DELETE());
    assertError(wrong, 405, "method_not_allowed", "DELETE is not allowed on /v1/tasks; use POST");
    assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/v1/aws/credentials")).GET());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
  }

  // --- the bad requests every JSON endpoint gets ---

  private static final String JSON_TYPE = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  /** A request to refuse: how it deviates, and the answer it must get. */
  private record Bad(
      String what, String query, String contentType, Map<String, String> headers, byte[] body,
      boolean chunked, int status, String code, String says) {}

  /**
   * What every JSON endpoint must refuse, made from its valid body: {@code field} is one of its
   * required string fields.
   */
  private static List<Bad> malformed(ObjectNode valid, String field) {
    String text = valid.toString();
    List<Bad> bad = new ArrayList<>();
    bad.add(raw("truncated JSON", text.substring(0, text.length() - 1), 400, "invalid_request",
        "malformed JSON for "));
    bad.add(raw("text after the JSON", text + "]", 400, "invalid_request", "malformed JSON"));
    bad.add(raw("an array", "[" + text + "]", 400, "invalid_request",
        "expected a JSON object for "));
    bad.add(raw("JSON null", "null", 400, "invalid_request", "JSON null; expected a JSON "));
    bad.add(raw("an empty body", "", 400, "invalid_request", "empty body; expected a JSON "));
    bad.add(raw("a duplicate field", "{\"" + field + "\":\"x\"," + text.substring(1), 400,
        "invalid_request", "duplicate field name"));
    byte[] bom = new byte[text.length() + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(bytes(text), 0, bom, 3, text.length());
    bad.add(new Bad("a byte order mark", null, JSON_TYPE, Map.of(), bom, false, 400,
        "invalid_request", "byte order mark"));
    bad.add(body("an unknown field", valid.deepCopy().put("admin", true), 400, "invalid_request",
        "unknown field 'admin' in "));
    bad.add(body("a number for " + field, valid.deepCopy().put(field, 42), 400, "invalid_request",
        "at field '" + field + "'"));
    ObjectNode missing = valid.deepCopy();
    missing.remove(field);
    bad.add(body("no " + field, missing, 400, "invalid_request", "'" + field + "' is required"));
    bad.add(body("null for " + field, valid.deepCopy().putNull(field), 400, "invalid_request",
        "'" + field + "' is required"));
    // JSON allows whitespace between tokens: the padded body is the valid one, only too large.
    byte[] huge = bytes("{" + " ".repeat(Bodies.LIMIT) + text.substring(1));
    bad.add(new Bad("over 64 KiB", null, JSON_TYPE, Map.of(), huge, false, 413,
        "payload_too_large", "request body is larger than 65536 bytes"));
    bad.add(new Bad("over 64 KiB, chunked", null, JSON_TYPE, Map.of(), huge, true, 413,
        "payload_too_large", "request body is larger than 65536 bytes"));
    bad.add(new Bad("text/plain", null, "text/plain", Map.of(), bytes(text), false, 415,
        "unsupported_media_type", "Content-Type 'text/plain' is not accepted by POST "));
    bad.add(new Bad("a form", null, FORM, Map.of(), bytes(text), false, 415,
        "unsupported_media_type", "send the body as JSON with Content-Type: application/json"));
    bad.add(new Bad("Latin-1", null, JSON_TYPE + "; charset=ISO-8859-1", Map.of(), bytes(text),
        false, 415, "unsupported_media_type", "charset 'ISO-8859-1' is not accepted by POST "));
    bad.add(new Bad("gzip", null, JSON_TYPE, Map.of("Content-Encoding", "gzip"), bytes(text),
        false, 415, "unsupported_media_type", "Content-Encoding 'gzip' is not accepted by POST "));
    bad.add(new Bad("a query string", "debug=1", JSON_TYPE, Map.of(), bytes(text), false, 400,
        "invalid_request", " takes no query string (the request has 7 characters after '?');"
            + " send every parameter in the JSON body"));
    bad.add(new Bad("16 KiB of headers", null, JSON_TYPE,
        Map.of("X-Padding", "p".repeat(RequestChecks.MAX_HEADER_BYTES)), bytes(text), false, 431,
        "headers_too_large", "the Vault takes at most 64 lines and 16384 bytes"));
    return bad;
  }

  private static Bad raw(String what, String text, int status, String code, String says) {
    return new Bad(what, null, JSON_TYPE, Map.of(), bytes(text), false, status, code, says);
  }

  private static Bad body(String what, JsonNode json, int status, String code, String says) {
    return raw(what, json.toString(), status, code, says);
  }

  private static Bad form(String what, String form, int status, String code, String says) {
    return new Bad(what, null, FORM, Map.of(), bytes(form), false, status, code, says);
  }

  private static void assertAllRefused(String path, String bearer, String proof, List<Bad> bad) {
    for (Bad request : bad) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(uri(path + (request.query() == null ? "" : "?" + request.query())))
              .header("Authorization", "Bearer " + bearer)
              .header("Content-Type", request.contentType());
      request.headers().forEach(builder::header);
      if (proof != null) {
        builder.header(PopProofs.HEADER, proof);
      }
      builder.POST(
          request.chunked() // no Content-Length: the limit can only be found while reading
              ? HttpRequest.BodyPublishers.ofInputStream(
                  () -> new ByteArrayInputStream(request.body()))
              : HttpRequest.BodyPublishers.ofByteArray(request.body()));
      HttpResponse<String> response = send(builder);
      assertError(response, request.status(), request.code(), request.says(),
          path + ", " + request.what());
      assertThat(response.body()).doesNotContain(bearer);
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String code,
      String says) {
    assertError(response, status, code, says, response.request().uri().toString());
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String says, String what) {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).as(what)
        .hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
    JsonNode error = body(response);
    assertThat(error.size()).as(what).isEqualTo(2);
    assertThat(error.get("error").asText()).as(what).isEqualTo(code);
    assertThat(error.get("message").asText()).as(what).contains(says);
  }

  // --- plumbing ---

  private static HttpResponse<String> post(
      String path, String bearer, String proof, JsonNode body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", JSON_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (proof != null) {
      builder.header(PopProofs.HEADER, proof);
    }
    return send(builder);
  }

  private static JsonNode introspect(String form) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/introspect"))
        .header("Authorization", "Bearer " + vault.resourceServerToken())
        .header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  private static String proof(String path, String token) {
    return WorkloadProofs.proof(uri(path), token);
  }

  private static URI uri(String pathAndQuery) {
    return URI.create(vault.url() + pathAndQuery);
  }

  private static ObjectNode json(byte[] wire) {
    try {
      return (ObjectNode) JSON.readTree(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode with(ObjectNode valid, String field, Object value) {
    ObjectNode copy = valid.deepCopy();
    copy.set(field, JSON.valueToTree(value));
    return copy;
  }

  private static JsonNode body(HttpResponse<String> response) {
    return VaultHttp.json(response);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
