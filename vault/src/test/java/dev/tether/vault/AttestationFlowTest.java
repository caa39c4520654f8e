package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.WireJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attestation flow over HTTP: a nonce, evidence at redemption, the binding in the task token,
 * freshness checked at each exchange, and re-attestation.
 */
class AttestationFlowTest {

  private TetherVault vault;

  @AfterEach
  void stop() {
    WorkloadProofs.clock = java.time.Clock.systemUTC();
    if (vault != null) {
      vault.close();
    }
  }

  @Test
  void theTaskTokenCarriesTheBindingTheRedemptionMade() throws Exception {
    vault = TetherVault.start(TokenFlow.settings());
    TokenFlow flow = new TokenFlow(vault);

    IssuedToken task = flow.redeem(flow.grant(TokenFlow.TASK, TokenFlow.USER,
        List.of(TokenFlow.REPO), "read_file").token());

    Binding binding = task.binding();
    assertThat(binding.kind()).isEqualTo("local");
    assertThat(binding.strength()).isEqualTo("development");
    assertThat(LayeredToken.parse(task.token()).layers().get(1).attestation())
        .isEqualTo(binding.id());
    assertThat(LayeredToken.parse(task.token()).layers().get(1).confirmation())
        .isEqualTo(WorkloadProofs.KEY.thumbprint());
  }

  @Test
  void redemptionWithoutEvidenceIsRefusedAndLeavesTheGrantUsable() throws Exception {
    vault = TetherVault.start(TokenFlow.settings());
    TokenFlow flow = new TokenFlow(vault);
    String grant = flow.grant(TokenFlow.TASK, TokenFlow.USER, List.of(TokenFlow.REPO),
        "read_file").token();
    VaultHttp http = new VaultHttp(vault.url());

    HttpResponse<String> bare = http.post("/v1/tasks", vault.agentToken(),
        WireJson.write(new RedeemRequest(grant, TokenFlow.AGENT, null)));
    assertThat(bare.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(bare).get("error").asText()).isEqualTo("attestation_required");
    HttpResponse<String> wrongKind = http.post("/v1/tasks", vault.agentToken(),
        WireJson.write(new RedeemRequest(grant, TokenFlow.AGENT,
            new Evidence("nitro", "bm9uY2U", "AAAA"))));
    assertThat(VaultHttp.json(wrongKind).get("error").asText())
        .isEqualTo("attestation_kind_refused");

    assertThat(flow.redeem(grant).binding()).isNotNull();
  }

  @Test
  void aStaleBindingRefusesExchangesUntilTheWorkloadAttestsAgain() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    vault = TetherVault.start(TokenFlow.settings(), clock);
    WorkloadProofs.clock = clock;
    TokenFlow flow = new TokenFlow(vault);
    LayeredToken task = flow.task("read_file");
    assertThat(flow.exchange(call(task, "call-1", clock), 0).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(11));
    LayeredToken later = call(task, "call-2", clock);
    HttpResponse<String> stale = flow.exchange(later, 0);
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(stale).get("error").asText()).isEqualTo("attestation_stale");
    assertThat(vault.issuances()).hasSize(1);

    HttpResponse<String> renewed = new VaultHttp(vault.url()).post("/v1/attestations",
        vault.agentToken(), WireJson.write(new ReattestRequest(task.encode(),
            TestLauncher.evidence(vault.url(), vault.agentToken()))));
    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
    Binding binding = WireJson.read(renewed.body().getBytes(), Binding.class);
    assertThat(binding.attestedAt()).isEqualTo(clock.instant().truncatedTo(
        java.time.temporal.ChronoUnit.NANOS));

    assertThat(flow.exchange(call(task, "call-3", clock), 0).statusCode()).isEqualTo(200);
  }

  private static LayeredToken call(LayeredToken task, String id, MutableClock clock)
      throws Exception {
    long now = clock.instant().getEpochSecond();
    return TokenFlow.toolCall(task, "read_file", id,
        dev.tether.core.token.ToolRights.inherited(), now, now + 60);
  }

  @Test
  void theVaultCanAskEveryWorkloadToAttestAgain() throws Exception {
    vault = TetherVault.start(TokenFlow.settings());
    TokenFlow flow = new TokenFlow(vault);
    LayeredToken task = flow.task("read_file");

    assertThat(vault.requireReattestation()).isEqualTo(1);

    HttpResponse<String> stale = flow.exchange(TokenFlow.toolCall(task, "read_file", "c-1"), 0);
    assertThat(VaultHttp.json(stale).get("error").asText()).isEqualTo("attestation_stale");
    assertThat(new VaultHttp(vault.url()).post("/v1/attestations", vault.agentToken(),
        WireJson.write(new ReattestRequest(task.encode(),
            TestLauncher.evidence(vault.url(), vault.agentToken())))).statusCode())
        .isEqualTo(200);
    assertThat(flow.exchange(TokenFlow.toolCall(task, "read_file", "c-2"), 0).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aNetworkBindingPinsEverySessionAndGetsTheShortestLifetime() throws Exception {
    AttestationPolicy network = new AttestationPolicy(Set.of("network"), null, null, false, null,
        null, Map.of("aws:SourceVpce", List.of("vpce-0abc1234def567890")), null, null);
    vault = TetherVault.start(TokenFlow.settings().withAttestation(network));
    TokenFlow flow = new TokenFlow(vault);
    String grant = flow.grant(TokenFlow.TASK, TokenFlow.USER, List.of(TokenFlow.REPO),
        "read_file").token();
    String nonce = TestLauncher.nonce(vault.url(), vault.agentToken(), "network").nonce();
    IssuedToken task = dev.tether.core.wire.WireHttp.post(vault.url(), "/v1/tasks",
        vault.agentToken(), 10_000,
        new RedeemRequest(grant, TokenFlow.AGENT, new Evidence("network", nonce, "")),
        IssuedToken.class, url -> WorkloadProofs.proof(url, grant));
    assertThat(task.binding().strength()).isEqualTo("network-only");

    HttpResponse<String> issued = flow.exchange(
        TokenFlow.toolCall(LayeredToken.parse(task.token()), "read_file", "call-1"), 3600);

    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    Issuance issuance = vault.issuances().get(0);
    assertThat(issuance.policyJson()).contains(
        "\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":[\"vpce-0abc1234def567890\"]}}");
    // 900 s from when the STS issued the session (in whole seconds); the issuance is recorded
    // once it answers, a second or two later on a slow machine (a CI run saw 898). Far from the
    // 3600 s asked for.
    assertThat(Duration.between(issuance.issuedAt(), issuance.expiration()).toSeconds())
        .isBetween(870L, 900L);
    // Nothing on loopback comes through a VPC endpoint: the local STS enforces the pin as deny.
    JsonNode credentials = VaultHttp.json(issued);
    assertThat(vault.localSession(credentials.get("access_key_id").asText()).orElseThrow()
        .scope().isEmpty()).isTrue();
  }
}
