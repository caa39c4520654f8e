package dev.tether.vault;

import static dev.tether.vault.TokenFlow.REPO;
import static dev.tether.vault.TokenFlow.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.core.wire.WireJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/grants} and {@code POST /v1/tasks} over real HTTP. */
class GrantEndpointTest {

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
  void mintsAGrantWithTheCatalogueScopesAndRedeemsItForATaskToken() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    IssuedToken grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO, "acme/lib"),
        "read_file", "list_bucket");

    assertThat(grant.tokenId()).startsWith("g-");
    assertThat(grant.taskId()).isEqualTo(TokenFlow.TASK);
    assertThat(grant.expiresAt())
        .as("the default lifetime, an hour")
        .isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3601));
    TokenLayer layer = LayeredToken.parse(grant.token()).grant();
    assertThat(layer.kind()).isEqualTo(LayerKind.GRANT);
    assertThat(layer.id()).isEqualTo(grant.tokenId());
    assertThat(layer.issuer()).isEqualTo(vault.issuer()).startsWith("tether-vault/");
    assertThat(layer.actor()).isEqualTo("orchestrator:default");
    assertThat(layer.userId()).isEqualTo(USER);
    assertThat(layer.repos()).containsExactly(REPO, "acme/lib");
    assertThat(layer.tools())
        .containsExactly(
            java.util.Map.entry("read_file", ToolRights.of(TokenFlow.READ_WRITE)),
            java.util.Map.entry("list_bucket", ToolRights.of(TokenFlow.LIST_BUCKET)));

    IssuedToken task = flow.redeem(grant.token());

    LayeredToken taskToken = LayeredToken.parse(task.token());
    assertThat(taskToken.layers()).extracting(TokenLayer::kind)
        .containsExactly(LayerKind.GRANT, LayerKind.TASK);
    assertThat(task.tokenId()).isEqualTo(taskToken.last().id()).startsWith("tk-");
    assertThat(task.taskId()).isEqualTo(TokenFlow.TASK);
    assertThat(taskToken.last().actor()).isEqualTo("agent:" + TokenFlow.AGENT);
    assertThat(taskToken.last().parentId()).isEqualTo(grant.tokenId());
    assertThat(task.expiresAt()).isBeforeOrEqualTo(grant.expiresAt());
    assertThat(vault.issuances()).as("grants and task tokens are no issuances").isEmpty();
  }

  @Test
  void onlyTheOrchestratorTokenMintsGrantsAndOnlyTheAgentTokenRedeems() throws Exception {
    byte[] grantRequest =
        WireJson.write(new GrantRequest(TokenFlow.TASK, USER, List.of(REPO), List.of("noop"), 0));

    HttpResponse<String> byAgent = http.post("/v1/grants", vault.agentToken(), grantRequest);
    HttpResponse<String> byNobody = http.post("/v1/grants", null, grantRequest);

    for (HttpResponse<String> response : List.of(byAgent, byNobody)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(VaultHttp.json(response).get("error").asText()).isEqualTo("unauthorized");
      assertThat(VaultHttp.json(response).get("message").asText())
          .contains("Authorization: Bearer <orchestrator token>")
          .contains("TETHER_ORCHESTRATOR_TOKEN")
          .doesNotContain(vault.agentToken())
          .doesNotContain(vault.orchestratorToken());
    }
    assertThat(VaultHttp.json(byAgent).get("message").asText())
        .startsWith("the bearer token is not this Vault's orchestrator token");

    IssuedToken grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "noop");
    HttpResponse<String> redeemedByOrchestrator =
        http.post("/v1/tasks", vault.orchestratorToken(),
            WireJson.write(new RedeemRequest(grant.token(), "orchestrator", null)));
    assertThat(redeemedByOrchestrator.statusCode()).isEqualTo(401);
    assertThat(VaultHttp.json(redeemedByOrchestrator).get("message").asText())
        .startsWith("the bearer token is not this Vault's agent token");
    assertThat(flow.redeem(grant.token()).taskId())
        .as("a redemption refused at the door does not use the grant up")
        .isEqualTo(TokenFlow.TASK);
  }

  @Test
  void refusesAnUnknownToolNamingTheCatalogue() {
    WireHttp.Failure unknown =
        catchThrowableOfType(
            WireHttp.Failure.class,
            () -> flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file", "deploy"));
    WireHttp.Failure none =
        catchThrowableOfType(
            WireHttp.Failure.class,
            () -> flow.grant(new GrantRequest(TokenFlow.TASK, USER, List.of(REPO), List.of(), 0)));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.code()).isEqualTo("invalid_request");
    assertThat(unknown.getMessage())
        .contains("unknown tool 'deploy'; the Vault's catalogue has [read_file, search.files,"
            + " list_bucket, noop, huge_policy] (add it to the Vault's --tools-file)");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.getMessage()).contains("a grant needs at least one tool");
  }

  @Test
  void aVaultWithoutCatalogueMintsNoGrant() throws Exception {
    try (TetherVault bare = TetherVault.start(VaultSettings.localDefaults())) {
      WireHttp.Failure refused =
          catchThrowableOfType(
              WireHttp.Failure.class,
              () -> new TokenFlow(bare).grant(TokenFlow.TASK, USER, List.of(REPO), "read_file"));

      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.getMessage()).contains("the Vault's catalogue has []");
    }
  }

  @Test
  void refusesBadTaskUserAndRepositoryValuesWith400() {
    assertRefused(new GrantRequest("task 42", USER, List.of(REPO), List.of("noop"), 0),
        "task id must be");
    assertRefused(new GrantRequest("task-42", "alice smith", List.of(REPO), List.of("noop"), 0),
        "user id must be");
    assertRefused(new GrantRequest("task-42", "arn:*", List.of(REPO), List.of("noop"), 0),
        "user id must be");
    assertRefused(new GrantRequest("task-42", USER, List.of("acme/${task.id}"), List.of("noop"),
        0), "repository must be");
    assertRefused(new GrantRequest("task-42", USER, List.of(REPO, REPO), List.of("noop"), 0),
        "names repository " + REPO + " twice");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= TokenLayer.MAX_REPOS; i++) {
      tooMany.add("acme/repo-" + i);
    }
    assertRefused(new GrantRequest("task-42", USER, tooMany, List.of("noop"), 0),
        "at most " + TokenLayer.MAX_REPOS);
    assertRefused(new GrantRequest("t".repeat(129), USER, List.of(REPO), List.of("noop"), 0),
        "task id must be");

    HttpResponse<String> blankUser =
        http.post("/v1/grants", vault.orchestratorToken(),
            ("{\"task_id\":\"t\",\"user_id\":\" \",\"repos\":[],\"tools\":[\"noop\"],"
                + "\"lifetime_seconds\":0}").getBytes(StandardCharsets.UTF_8));
    assertThat(blankUser.statusCode()).isEqualTo(400);
    assertThat(VaultHttp.json(blankUser).get("message").asText()).contains("user_id");
  }

  @Test
  void aBadAgentLabelIsRefusedWithoutUsingTheGrantUp() throws Exception {
    IssuedToken grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "noop");

    HttpResponse<String> response =
        http.post("/v1/tasks", vault.agentToken(),
            WireJson.write(new RedeemRequest(grant.token(), "runtime 1",
                TestLauncher.evidence(vault.url(), vault.agentToken()))));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(VaultHttp.json(response).get("message").asText())
        .startsWith("cannot make a task token: the task layer's actor must be");
    assertThat(flow.redeem(grant.token()).taskId()).isEqualTo(TokenFlow.TASK);
  }

  @Test
  void acceptsLifetimesFromAMinuteToADay() throws Exception {
    for (int seconds : new int[] {60, 86_400}) {
      IssuedToken grant =
          flow.grant(new GrantRequest(TokenFlow.TASK, USER, List.of(REPO), List.of("noop"),
              seconds));
      TokenLayer layer = LayeredToken.parse(grant.token()).grant();
      assertThat(layer.expiresAt() - layer.issuedAt()).isEqualTo(seconds);
    }
    for (int seconds : new int[] {59, 86_401, -1}) {
      assertRefused(
          new GrantRequest(TokenFlow.TASK, USER, List.of(REPO), List.of("noop"), seconds),
          "lifetime_seconds " + seconds + " is out of range; ask for 60 to 86400 seconds, or 0");
    }
  }

  @Test
  void aTaskTokenLivesNoLongerThanItsGrant() throws Exception {
    IssuedToken grant =
        flow.grant(new GrantRequest(TokenFlow.TASK, USER, List.of(REPO), List.of("noop"), 120));

    IssuedToken task = flow.redeem(grant.token());

    assertThat(task.expiresAt()).isEqualTo(grant.expiresAt());
  }

  private void assertRefused(GrantRequest request, String messagePart) {
    HttpResponse<String> response =
        http.post("/v1/grants", vault.orchestratorToken(), WireJson.write(request));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = VaultHttp.json(response);
    assertThat(error.get("error").asText()).isEqualTo("invalid_request");
    assertThat(error.get("message").asText()).contains(messagePart);
  }
}
