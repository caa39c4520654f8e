package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single-use API tokens: minted for a tool-call token with a proof of possession, accepted once at
 * the resource server's introspection, refused (and a refusal span) every time after.
 */
class ApiTokenTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private TetherVault vault;
  private TokenFlow flow;
  private VaultHttp http;

  @BeforeEach
  void start() {
    vault = TetherVault.start(TokenFlow.settings(), spans);
    flow = new TokenFlow(vault);
    http = new VaultHttp(vault.url());
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void aTokenIsActiveOnceForTheToolCallItWasMintedFor() throws Exception {
    LayeredToken call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-7");
    ApiToken token = mint(call, "api.example.com");
    assertThat(token.token()).startsWith("tsu_");

    JsonNode first = introspect(token.token(), vault.resourceServerToken());
    assertThat(first.get("active").asBoolean()).isTrue();
    assertThat(first.get("aud").asText()).isEqualTo("api.example.com");
    assertThat(first.get("sub").asText()).isEqualTo(TokenFlow.USER);
    assertThat(first.get("tether_tool").asText()).isEqualTo("read_file");
    assertThat(first.get("tether_call").asText()).isEqualTo("call-7");
    assertThat(first.get("exp").asLong()).isEqualTo(call.last().expiresAt());

    JsonNode second = introspect(token.token(), vault.resourceServerToken());
    assertThat(second.toString()).isEqualTo("{\"active\":false}");
    assertThat(introspect("tsu_never-minted", vault.resourceServerToken()).get("active")
        .asBoolean()).isFalse();
    assertThat(reasons()).contains("token_used", "token_unknown");
  }

  @Test
  void onlyAResourceServerMayIntrospectAndOnlyTheWorkloadMayMint() throws Exception {
    LayeredToken task = flow.task("read_file");
    LayeredToken call = TokenFlow.toolCall(task, "read_file", "call-8");
    ApiToken token = mint(call, "api.example.com");

    HttpResponse<String> agentAsServer = post(token.token(), vault.agentToken());
    assertThat(agentAsServer.statusCode()).isEqualTo(401);
    assertThat(introspect(token.token(), vault.resourceServerToken()).get("active").asBoolean())
        .as("a refused introspection spends nothing").isTrue();

    HttpResponse<String> forTask = http.post("/v1/api-tokens", vault.agentToken(),
        WireJson.write(new ApiTokenRequest(task.encode(), "api.example.com")));
    assertThat(VaultHttp.json(forTask).get("error").asText()).isEqualTo("token_wrong_layer");

    HttpResponse<String> badAudience = http.post("/v1/api-tokens", vault.agentToken(),
        ("{\"token\":\"" + call.encode() + "\",\"audience\":\"http://x/\"}").getBytes());
    assertThat(badAudience.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(badAudience).get("message").asText()).contains("host name");
  }

  @Test
  void aTimeBoxedTokenIsActiveUntilTheToolCallsTokenExpires() throws Exception {
    vault.close();
    MutableClock clock = new MutableClock(java.time.Instant.now());
    vault = TetherVault.start(TokenFlow.settings(), clock);
    flow = new TokenFlow(vault);
    http = new VaultHttp(vault.url());
    LayeredToken call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-10");
    HttpResponse<String> minted = http.post("/v1/api-tokens", vault.agentToken(),
        WireJson.write(new ApiTokenRequest(call.encode(), "api.example.com",
            ApiTokenRequest.TIME_BOXED)));
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
    String token = VaultHttp.json(minted).get("token").asText();

    for (int i = 0; i < 3; i++) {
      JsonNode answer = introspect(token, vault.resourceServerToken());
      assertThat(answer.get("active").asBoolean()).isTrue();
      assertThat(answer.get("token_type").asText()).isEqualTo("tether_time_boxed");
    }
    clock.advance(java.time.Duration.ofSeconds(
        call.last().expiresAt() - clock.instant().getEpochSecond() + 1));
    assertThat(introspect(token, vault.resourceServerToken()).toString())
        .isEqualTo("{\"active\":false}");

    HttpResponse<String> badMode = http.post("/v1/api-tokens", vault.agentToken(),
        ("{\"token\":\"" + call.encode() + "\",\"audience\":\"a.example\",\"mode\":\"forever\"}")
            .getBytes());
    assertThat(badMode.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(badMode).get("message").asText())
        .contains("single-use or time-boxed");
  }

  @Test
  void aThousandConcurrentPresentationsOfOneTokenAcceptExactlyOne() throws Exception {
    LayeredToken call = TokenFlow.toolCall(flow.task("read_file"), "read_file", "call-9");
    ApiToken token = mint(call, "api.example.com");
    int presentations = 1000;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < presentations; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return introspect(token.token(), vault.resourceServerToken()).get("active").asBoolean();
        }));
      }
      start.countDown();
      int active = 0;
      for (java.util.concurrent.Future<Boolean> answer : answers) {
        active += answer.get() ? 1 : 0;
      }
      assertThat(active).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(reasons().stream().filter("token_used"::equals).count())
        .isEqualTo(presentations - 1);
  }

  private ApiToken mint(LayeredToken call, String audience) {
    HttpResponse<String> response = http.post("/v1/api-tokens", vault.agentToken(),
        WireJson.write(new ApiTokenRequest(call.encode(), audience)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WireJson.read(response.body().getBytes(StandardCharsets.UTF_8), ApiToken.class);
  }

  private JsonNode introspect(String token, String bearer) {
    HttpResponse<String> response = post(token, bearer);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return VaultHttp.json(response);
  }

  private HttpResponse<String> post(String token, String bearer) {
    return http.send(HttpRequest.newBuilder(URI.create(vault.url() + "/v1/introspect"))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build());
  }

  private List<String> reasons() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("tether.vault.introspect"))
        .map(s -> s.getAttributes().get(VaultTelemetry.REASON))
        .filter(r -> r != null)
        .toList();
  }
}
