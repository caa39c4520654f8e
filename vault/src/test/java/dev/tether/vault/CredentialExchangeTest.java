package dev.tether.vault;

import static dev.tether.vault.TokenFlow.READ_WRITE;
import static dev.tether.vault.TokenFlow.REPO;
import static dev.tether.vault.TokenFlow.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/aws/credentials} over real HTTP: tool-call tokens derived from a grant the Vault
 * minted, exchanged for sessions of the local STS via the AWS SDK.
 */
class CredentialExchangeTest {

  private TetherVault vault;
  private TokenFlow flow;
  private VaultHttp http;

  @BeforeEach
  void start() {
    vault = TetherVault.start(TokenFlow.settings());
    flow = new TokenFlow(vault);
    http = new VaultHttp(vault.url());
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void exchangesAToolCallTokenForASessionWhosePolicyIsTheToolsScope() throws Exception {
    LayeredToken turn = TokenFlow.turn(flow.task("read_file", "list_bucket"), "turn-7", "read_file");
    LayeredToken call = TokenFlow.toolCall(turn, "read_file", "toolu_01ABCDEFGH");

    HttpResponse<String> response = flow.exchange(call, 0);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    AwsCredentialsResponse credentials = TokenFlow.credentials(response);
    assertThat(credentials.accessKeyId()).matches("ASIA[A-Z0-9]{16}");
    assertThat(credentials.secretAccessKey()).hasSize(40);
    assertThat(credentials.sessionToken()).isNotBlank();
    assertThat(credentials.expiration())
        .isBetween(Instant.now().plusSeconds(880), Instant.now().plusSeconds(901));

    AwsScope expectedScope =
        new AwsScope(READ_WRITE.actions(), List.of("arn:aws:s3:::work/task-42/*"));
    assertThat(vault.issuances())
        .singleElement()
        .satisfies(
            issuance -> {
              assertThat(issuance.issuanceId()).isEqualTo(credentials.issuanceId());
              assertThat(issuance.accessKeyId()).isEqualTo(credentials.accessKeyId());
              assertThat(issuance.taskId()).isEqualTo("task-42");
              assertThat(issuance.userId()).isEqualTo(USER);
              assertThat(issuance.repo()).isEqualTo(REPO);
              assertThat(issuance.tool()).isEqualTo("read_file");
              assertThat(issuance.callId()).isEqualTo("toolu_01ABCDEFGH");
              assertThat(issuance.turnId()).isEqualTo("turn-7");
              assertThat(issuance.policyJson()).isEqualTo(SessionPolicy.toJson(expectedScope));
              assertThat(issuance.sessionTags())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of("task_id", "task-42", "user_id", USER, "repo", REPO,
                          "tool", "read_file"));
              assertThat(issuance.sourceIdentity()).isEqualTo("tether-" + USER);
              assertThat(issuance.roleSessionName()).isEqualTo("tether-read_file-toolu_01");
              assertThat(issuance.expiration()).isEqualTo(credentials.expiration());
            });

    LocalSession session = vault.localSession(credentials.accessKeyId()).orElseThrow();
    assertThat(session.secretAccessKey()).isEqualTo(credentials.secretAccessKey());
    assertThat(session.sessionToken()).isEqualTo(credentials.sessionToken());
    assertThat(session.expiration()).isEqualTo(credentials.expiration());
    assertThat(session.scope()).isEqualTo(expectedScope);
    assertThat(session.scope().allows("s3:GetObject", "arn:aws:s3:::work/task-42/notes.txt"))
        .isTrue();
    assertThat(session.scope().allows("s3:GetObject", "arn:aws:s3:::work/task-43/notes.txt"))
        .isFalse();
    assertThat(session.tags()).containsEntry("tool", "read_file").containsEntry("task_id", "task-42");
    assertThat(session.isExpiredAt(Instant.now())).isFalse();
  }

  @Test
  void aToolCallThatNarrowsItsScopeGetsTheNarrowerPolicy() throws Exception {
    LayeredToken task = flow.task("read_file");
    AwsScope readOnly =
        new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::work/${task.id}/src/*"));
    long at = task.last().issuedAt();
    LayeredToken call =
        TokenFlow.toolCall(task, "read_file", "call-1", ToolRights.of(readOnly), at, at + 30);

    HttpResponse<String> response = flow.exchange(call, 0);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    AwsScope expected =
        new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::work/task-42/src/*"));
    assertThat(vault.issuances().get(0).policyJson()).isEqualTo(SessionPolicy.toJson(expected));
    assertThat(vault.localSession(TokenFlow.credentials(response).accessKeyId()).orElseThrow()
            .scope())
        .isEqualTo(expected);
  }

  @Test
  void honoursARequestedDurationAndSanitizesNamesForSts() throws Exception {
    LayeredToken task = flow.task("task-1", "bob,smith", List.of(REPO), "search.files");
    LayeredToken call = TokenFlow.toolCall(task, "search.files", "call:with=odd+chars");

    HttpResponse<String> response = flow.exchange(call, 1800);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Issuance issuance = vault.issuances().get(0);
    assertThat(issuance.roleSessionName()).isEqualTo("tether-search.files-call-wit");
    assertThat(issuance.sourceIdentity()).isEqualTo("tether-bob,smith");
    assertThat(issuance.sessionTags()).containsEntry("user_id", "bob_smith");
    assertThat(issuance.turnId()).as("a tool call outside any turn").isNull();
    assertThat(Duration.between(issuance.issuedAt(), issuance.expiration()).toSeconds())
        .isBetween(1798L, 1800L);
  }

  @Test
  void aToolWithoutAwsScopeGetsADenyAllSession() throws Exception {
    HttpResponse<String> response =
        flow.exchange(TokenFlow.toolCall(flow.task("noop"), "noop", "call-1"), 0);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String keyId = VaultHttp.json(response).get("access_key_id").asText();
    assertThat(vault.issuances().get(0).policyJson()).isEqualTo(SessionPolicy.DENY_ALL);
    assertThat(vault.localSession(keyId).orElseThrow().scope()).isEqualTo(AwsScope.none());
  }

  @Test
  void servesABurstLargerThanItsThreadPool() throws Exception {
    LayeredToken task = flow.task("read_file");
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String toolCall = TokenFlow.toolCall(task, "read_file", "call-" + i).encode();
      byte[] body = WireJson.write(new AwsCredentialsRequest(toolCall, 0));
      URI url = vault.url().resolve("/v1/aws/credentials");
      responses.add(
          client.sendAsync(
              HttpRequest.newBuilder(url)
                  .header("Authorization", "Bearer " + vault.agentToken())
                  .header(PopProofs.HEADER, WorkloadProofs.proof(url, toolCall))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.join().statusCode()).as(response.join().body()).isEqualTo(200);
    }
    assertThat(vault.issuances()).hasSize(40);
    assertThat(vault.issuances().stream().map(Issuance::accessKeyId).distinct()).hasSize(40);
    assertThat(vault.issuances().stream().map(Issuance::callId).distinct()).hasSize(40);
  }

  @Test
  void refusesAMissingOrWrongBearerTokenAndRecordsNothing() throws Exception {
    AwsCredentialsRequest request =
        new AwsCredentialsRequest(
            TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-1").encode(), 0);

    HttpResponse<String> missing = http.postCredentials(null, request);
    HttpResponse<String> wrong = http.postCredentials(vault.agentToken() + "x", request);
    HttpResponse<String> orchestrator = http.postCredentials(vault.orchestratorToken(), request);
    HttpResponse<String> basic =
        http.send(
            HttpRequest.newBuilder(vault.url().resolve("/v1/aws/credentials"))
                .header("Authorization", "Basic " + vault.agentToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(request)))
                .build());

    for (HttpResponse<String> response : List.of(missing, wrong, orchestrator, basic)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
      JsonNode error = VaultHttp.json(response);
      assertThat(error.get("error").asText()).isEqualTo("unauthorized");
      assertThat(error.get("message").asText())
          .contains("Authorization: Bearer <agent token>")
          .doesNotContain(vault.agentToken())
          .doesNotContain(vault.orchestratorToken());
    }
    assertThat(VaultHttp.json(missing).get("message").asText()).startsWith("missing Authorization");
    assertThat(VaultHttp.json(orchestrator).get("message").asText())
        .contains("not this Vault's agent token");
    assertThat(vault.issuances()).isEmpty();
    assertThat(http.get("/v1/issuances", "not-the-token").statusCode()).isEqualTo(401);
    assertThat(http.get("/v1/issuances", vault.orchestratorToken()).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesMalformedJsonUnknownFieldsAndMissingFieldsAndRecordsNothing() throws Exception {
    String token = vault.agentToken();
    String validText =
        new String(
            WireJson.write(
                new AwsCredentialsRequest(
                    TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-1").encode(),
                    0)),
            StandardCharsets.UTF_8);

    HttpResponse<String> malformed =
        http.post("/v1/aws/credentials", token, "{\"token\":".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> unknownField =
        http.post(
            "/v1/aws/credentials",
            token,
            validText.replaceFirst("\\{", "{\"admin\":true,").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> missingField =
        http.post(
            "/v1/aws/credentials",
            token,
            validText.replaceFirst("\"token\":\"[^\"]*\",", "").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> empty = http.post("/v1/aws/credentials", token, new byte[0]);

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(malformed).get("message").asText()).contains("malformed JSON");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(unknownField).get("message").asText())
        .contains("unknown field 'admin'");
    assertThat(missingField.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(missingField).get("message").asText()).contains("'token'");
    assertThat(empty.statusCode()).isEqualTo(400);
    for (HttpResponse<String> response : List.of(malformed, unknownField, missingField, empty)) {
      assertThat(VaultHttp.json(response).get("error").asText()).isEqualTo("invalid_request");
    }
    assertThat(vault.issuances()).isEmpty();
  }

  @Test
  void refusesABodyOver64KibWith413AndRecordsNothing() {
    byte[] huge = new byte[70 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');

    HttpResponse<String> response = http.post("/v1/aws/credentials", vault.agentToken(), huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(VaultHttp.json(response).get("error").asText()).isEqualTo("payload_too_large");
    assertThat(VaultHttp.json(response).get("message").asText()).contains("65536 bytes");
    assertThat(vault.issuances()).isEmpty();
    assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAScopeWhosePolicyIsOverTheStsLimitWith400() throws Exception {
    HttpResponse<String> response =
        flow.exchange(TokenFlow.toolCall(flow.task("huge_policy"), "huge_policy", "call-1"), 0);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo("invalid_request");
    assertThat(error.get("message").asText()).contains("over the STS limit of 2048");
    assertThat(vault.issuances()).isEmpty();
  }

  @Test
  void refusesADurationOutsideTheStsRangeWith400() throws Exception {
    LayeredToken call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-1");

    for (int duration : new int[] {899, 3601, -1}) {
      HttpResponse<String> response = flow.exchange(call, duration);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode error = VaultHttp.json(response);
      assertThat(error.get("error").asText()).isEqualTo("invalid_request");
      assertThat(error.get("message").asText()).contains("900 to 3600");
    }
    assertThat(vault.issuances()).isEmpty();
  }

  @Test
  void listsIssuancesWithoutSecrets() throws Exception {
    LayeredToken call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-1");
    AwsCredentialsResponse credentials = TokenFlow.credentials(flow.exchange(call, 0));

    HttpResponse<String> listed = http.get("/v1/issuances", vault.agentToken());

    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode list = VaultHttp.json(listed);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("access_key_id").asText()).isEqualTo(credentials.accessKeyId());
    assertThat(list.get(0).get("issuance_id").asText()).isEqualTo(credentials.issuanceId());
    assertThat(list.get(0).get("session_tags").get("task_id").asText()).isEqualTo("task-42");
    assertThat(list.get(0).get("chain")).hasSize(3);
    assertThat(list.get(0).get("delegation").get(0).asText()).isEqualTo("user:" + USER);
    String tag = call.encode().substring(call.encode().lastIndexOf('.') + 1);
    assertThat(listed.body())
        .doesNotContain(credentials.secretAccessKey())
        .doesNotContain(credentials.sessionToken())
        .doesNotContain(tag);
  }

  @Test
  void answersHealthAndUnknownRoutesWithJson() {
    HttpResponse<String> health = http.get("/healthz", null);
    HttpResponse<String> unknown = http.get("/v1/nothing", null);
    HttpResponse<String> wrongMethod = http.get("/v1/aws/credentials", vault.agentToken());
    HttpResponse<String> grantsByGet = http.get("/v1/grants", vault.orchestratorToken());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(VaultHttp.json(health).get("status").asText()).isEqualTo("ok");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(VaultHttp.json(unknown).get("error").asText()).isEqualTo("not_found");
    assertThat(VaultHttp.json(unknown).get("message").asText())
        .contains("POST /v1/grants, POST /v1/tasks, POST /v1/aws/credentials");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
    assertThat(grantsByGet.statusCode()).isEqualTo(405);
  }

  @Test
  void redactsSecretsInToString() throws Exception {
    IssuedToken grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file");
    IssuedToken task = flow.redeem(grant.token());
    LayeredToken call =
        TokenFlow.toolCall(LayeredToken.parse(task.token()), "read_file", "call-1");
    AwsCredentialsRequest request = new AwsCredentialsRequest(call.encode(), 0);
    AwsCredentialsResponse credentials = TokenFlow.credentials(flow.exchange(call, 0));
    LocalSession session = vault.localSession(credentials.accessKeyId()).orElseThrow();

    List<String> secrets =
        List.of(
            credentials.secretAccessKey(),
            credentials.sessionToken(),
            vault.agentToken(),
            vault.orchestratorToken(),
            tagOf(grant.token()),
            tagOf(task.token()),
            tagOf(call.encode()));
    for (String text :
        List.of(
            credentials.toString(),
            session.toString(),
            vault.toString(),
            vault.issuances().toString(),
            grant.toString(),
            task.toString(),
            call.toString(),
            request.toString(),
            new RedeemRequest(grant.token(), TokenFlow.AGENT, null).toString(),
            new OrchestratorClient(vault.url(), vault.orchestratorToken(), 1000).toString(),
            VaultSettings.localDefaults()
                .withAgentToken(vault.agentToken())
                .withOrchestratorToken(vault.orchestratorToken())
                .toString())) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
    assertThat(session.toString())
        .contains(credentials.accessKeyId())
        .contains("secretAccessKey=<redacted>")
        .contains("sessionToken=<redacted>");
  }

  private static String tagOf(String token) {
    return token.substring(token.lastIndexOf('.') + 1);
  }
}
