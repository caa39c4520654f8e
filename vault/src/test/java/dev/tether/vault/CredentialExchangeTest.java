package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.WireJson;
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

/** {@code POST /v1/aws/credentials} over real HTTP, backed by the local STS via the AWS SDK. */
class CredentialExchangeTest {

  private static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject");
  private static final List<String> RESOURCES = List.of("arn:aws:s3:::work/${task.id}/*");

  private TetherVault vault;
  private VaultHttp http;

  @BeforeEach
  void start() {
    vault = TetherVault.start(VaultSettings.localDefaults());
    http = new VaultHttp(vault.url());
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void exchangesAScopeForASessionWhosePolicyIsThatScope() {
    HttpResponse<String> response =
        http.postCredentials(vault.agentToken(), request("read_file", "toolu_01ABCDEFGH", 0));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    AwsCredentialsResponse credentials =
        WireJson.read(
            response.body().getBytes(StandardCharsets.UTF_8), AwsCredentialsResponse.class);
    assertThat(credentials.accessKeyId()).matches("ASIA[A-Z0-9]{16}");
    assertThat(credentials.secretAccessKey()).hasSize(40);
    assertThat(credentials.sessionToken()).isNotBlank();
    assertThat(credentials.expiration())
        .isBetween(Instant.now().plusSeconds(880), Instant.now().plusSeconds(901));

    AwsScope expectedScope = new AwsScope(ACTIONS, List.of("arn:aws:s3:::work/task-42/*"));
    assertThat(vault.issuances())
        .singleElement()
        .satisfies(
            issuance -> {
              assertThat(issuance.issuanceId()).isEqualTo(credentials.issuanceId());
              assertThat(issuance.accessKeyId()).isEqualTo(credentials.accessKeyId());
              assertThat(issuance.taskId()).isEqualTo("task-42");
              assertThat(issuance.userId()).isEqualTo("alice@example.com");
              assertThat(issuance.repo()).isEqualTo("github.com/acme/app");
              assertThat(issuance.tool()).isEqualTo("read_file");
              assertThat(issuance.callId()).isEqualTo("toolu_01ABCDEFGH");
              assertThat(issuance.turnId()).isEqualTo("turn-7");
              assertThat(issuance.policyJson()).isEqualTo(SessionPolicy.toJson(expectedScope));
              assertThat(issuance.sessionTags())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of(
                          "task_id", "task-42",
                          "user_id", "alice@example.com",
                          "repo", "github.com/acme/app",
                          "tool", "read_file"));
              assertThat(issuance.sourceIdentity()).isEqualTo("tether-alice@example.com");
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
    assertThat(session.tags())
        .containsEntry("tool", "read_file")
        .containsEntry("task_id", "task-42");
    assertThat(session.isExpiredAt(Instant.now())).isFalse();
  }

  @Test
  void honoursARequestedDurationAndSanitizesNamesForSts() {
    AwsCredentialsRequest request =
        new AwsCredentialsRequest(
            "task-1",
            "bob,smith",
            "github.com/acme/app",
            "search.files",
            "call:with=odd+chars",
            null,
            ACTIONS,
            RESOURCES,
            1800);

    HttpResponse<String> response = http.postCredentials(vault.agentToken(), request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Issuance issuance = vault.issuances().get(0);
    assertThat(issuance.roleSessionName()).isEqualTo("tether-search.files-call-wit");
    assertThat(issuance.sourceIdentity()).isEqualTo("tether-bob,smith");
    assertThat(issuance.sessionTags()).containsEntry("user_id", "bob_smith");
    assertThat(issuance.turnId()).isNull();
    assertThat(Duration.between(issuance.issuedAt(), issuance.expiration()).toSeconds())
        .isBetween(1798L, 1800L);
  }

  @Test
  void anEmptyScopeGetsADenyAllSession() {
    HttpResponse<String> response =
        http.postCredentials(
            vault.agentToken(),
            new AwsCredentialsRequest(
                "task-42",
                "alice",
                "github.com/acme/app",
                "noop",
                "call-1",
                null,
                List.of(),
                List.of(),
                0));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String keyId = VaultHttp.json(response).get("access_key_id").asText();
    assertThat(vault.issuances().get(0).policyJson()).isEqualTo(SessionPolicy.DENY_ALL);
    assertThat(vault.localSession(keyId).orElseThrow().scope()).isEqualTo(AwsScope.none());
  }

  @Test
  void servesABurstLargerThanItsThreadPool() {
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      responses.add(
          client.sendAsync(
              HttpRequest.newBuilder(vault.url().resolve("/v1/aws/credentials"))
                  .header("Authorization", "Bearer " + vault.agentToken())
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          WireJson.write(request("read_file", "call-" + i, 0))))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.join().statusCode()).as(response.join().body()).isEqualTo(200);
    }
    assertThat(vault.issuances()).hasSize(40);
    assertThat(vault.issuances().stream().map(Issuance::accessKeyId).distinct()).hasSize(40);
  }

  @Test
  void refusesAMissingOrWrongBearerTokenAndRecordsNothing() {
    HttpResponse<String> missing = http.postCredentials(null, request("read_file", "call-1", 0));
    HttpResponse<String> wrong =
        http.postCredentials(vault.agentToken() + "x", request("read_file", "call-1", 0));
    HttpResponse<String> basic =
        http.send(
            HttpRequest.newBuilder(vault.url().resolve("/v1/aws/credentials"))
                .header("Authorization", "Basic " + vault.agentToken())
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        WireJson.write(request("read_file", "call-1", 0))))
                .build());

    for (HttpResponse<String> response : List.of(missing, wrong, basic)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
      JsonNode error = VaultHttp.json(response);
      assertThat(error.get("error").asText()).isEqualTo("unauthorized");
      assertThat(error.get("message").asText())
          .contains("Authorization: Bearer")
          .doesNotContain(vault.agentToken());
    }
    assertThat(VaultHttp.json(missing).get("message").asText()).startsWith("missing Authorization");
    assertThat(vault.issuances()).isEmpty();
    assertThat(http.get("/v1/issuances", "not-the-token").statusCode()).isEqualTo(401);
  }

  @Test
  void refusesMalformedJsonUnknownFieldsAndMissingFieldsAndRecordsNothing() {
    String token = vault.agentToken();
    byte[] valid = WireJson.write(request("read_file", "call-1", 0));
    String validText = new String(valid, StandardCharsets.UTF_8);

    HttpResponse<String> malformed =
        http.post("/v1/aws/credentials", token, "{\"task_id\":".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> unknownField =
        http.post(
            "/v1/aws/credentials",
            token,
            validText.replaceFirst("\\{", "{\"admin\":true,").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> missingField =
        http.post(
            "/v1/aws/credentials",
            token,
            validText.replaceFirst("\"tool\":\"read_file\",", "").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> empty = http.post("/v1/aws/credentials", token, new byte[0]);

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(malformed).get("message").asText()).contains("malformed JSON");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(unknownField).get("message").asText())
        .contains("unknown field 'admin'");
    assertThat(missingField.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(missingField).get("message").asText()).contains("'tool'");
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
  void refusesAScopeWhosePolicyIsOverTheStsLimitWith400() {
    List<String> resources = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      resources.add("arn:aws:s3:::a-rather-long-bucket-name-for-tests/prefix-number-" + i + "/*");
    }
    AwsCredentialsRequest request =
        new AwsCredentialsRequest(
            "task-42",
            "alice",
            "github.com/acme/app",
            "read_file",
            "call-1",
            null,
            ACTIONS,
            resources,
            0);

    HttpResponse<String> response = http.postCredentials(vault.agentToken(), request);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo("invalid_request");
    assertThat(error.get("message").asText()).contains("over the STS limit of 2048");
    assertThat(vault.issuances()).isEmpty();
  }

  @Test
  void refusesInvalidFieldsWithAMessageNamingThem() {
    assertRefused(
        new AwsCredentialsRequest(
            "task 42", "alice", "repo", "t", "c", null, ACTIONS, RESOURCES, 0),
        "TaskIdentity.taskId");
    assertRefused(
        new AwsCredentialsRequest(
            "task", "alice", "repo", "read file", "c", null, ACTIONS, RESOURCES, 0),
        "tool must be");
    assertRefused(
        new AwsCredentialsRequest(
            "task", "alice", "repo", "t", "call/1", null, ACTIONS, RESOURCES, 0),
        "call_id must be");
    assertRefused(
        new AwsCredentialsRequest(
            "task", "alice", "repo", "t", "c", "turn 1", ACTIONS, RESOURCES, 0),
        "turn_id must be");
    assertRefused(
        new AwsCredentialsRequest(
            "task", "alice", "repo", "t", "c", null, List.of("*"), RESOURCES, 0),
        "too broad");
    assertRefused(
        new AwsCredentialsRequest("task", "alice", "repo", "t", "c", null, ACTIONS, List.of(), 0),
        "give both, or neither");
    assertRefused(
        new AwsCredentialsRequest("task", "alice", "repo", "t", "c", null, ACTIONS, RESOURCES, 899),
        "900 to 3600");
    assertRefused(
        new AwsCredentialsRequest(
            "task", "alice", "repo", "t", "c", null, ACTIONS, RESOURCES, 3601),
        "900 to 3600");
    assertThat(vault.issuances()).isEmpty();
  }

  @Test
  void listsIssuancesWithoutSecrets() {
    HttpResponse<String> issued =
        http.postCredentials(vault.agentToken(), request("read_file", "call-1", 0));
    AwsCredentialsResponse credentials =
        WireJson.read(issued.body().getBytes(StandardCharsets.UTF_8), AwsCredentialsResponse.class);

    HttpResponse<String> listed = http.get("/v1/issuances", vault.agentToken());

    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode list = VaultHttp.json(listed);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("access_key_id").asText()).isEqualTo(credentials.accessKeyId());
    assertThat(list.get(0).get("issuance_id").asText()).isEqualTo(credentials.issuanceId());
    assertThat(list.get(0).get("session_tags").get("task_id").asText()).isEqualTo("task-42");
    assertThat(listed.body())
        .doesNotContain(credentials.secretAccessKey())
        .doesNotContain(credentials.sessionToken());
  }

  @Test
  void answersHealthAndUnknownRoutesWithJson() {
    HttpResponse<String> health = http.get("/healthz", null);
    HttpResponse<String> unknown = http.get("/v1/nothing", null);
    HttpResponse<String> wrongMethod = http.get("/v1/aws/credentials", vault.agentToken());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(VaultHttp.json(health).get("status").asText()).isEqualTo("ok");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(VaultHttp.json(unknown).get("error").asText()).isEqualTo("not_found");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void redactsSecretsInToString() {
    HttpResponse<String> issued =
        http.postCredentials(vault.agentToken(), request("read_file", "call-1", 0));
    AwsCredentialsResponse credentials =
        WireJson.read(issued.body().getBytes(StandardCharsets.UTF_8), AwsCredentialsResponse.class);
    LocalSession session = vault.localSession(credentials.accessKeyId()).orElseThrow();

    for (String text :
        List.of(
            credentials.toString(),
            session.toString(),
            vault.toString(),
            vault.issuances().toString(),
            VaultSettings.localDefaults().withAgentToken(vault.agentToken()).toString())) {
      assertThat(text)
          .doesNotContain(credentials.secretAccessKey())
          .doesNotContain(credentials.sessionToken())
          .doesNotContain(vault.agentToken());
    }
    assertThat(session.toString())
        .contains(credentials.accessKeyId())
        .contains("secretAccessKey=<redacted>")
        .contains("sessionToken=<redacted>");
  }

  private void assertRefused(AwsCredentialsRequest request, String messagePart) {
    HttpResponse<String> response = http.postCredentials(vault.agentToken(), request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo("invalid_request");
    assertThat(error.get("message").asText()).contains(messagePart);
  }

  private static AwsCredentialsRequest request(String tool, String callId, int duration) {
    return new AwsCredentialsRequest(
        "task-42",
        "alice@example.com",
        "github.com/acme/app",
        tool,
        callId,
        "turn-7",
        ACTIONS,
        RESOURCES,
        duration);
  }
}
