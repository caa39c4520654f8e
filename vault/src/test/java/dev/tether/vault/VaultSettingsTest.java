package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VaultSettingsTest {

  @Test
  void localDefaultsAreLoopbackEphemeralAndFifteenMinuteSessions() {
    VaultSettings settings = VaultSettings.localDefaults();

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isZero();
    assertThat(settings.mode()).isEqualTo(VaultSettings.Mode.LOCAL);
    assertThat(settings.stsEndpoint()).isNull();
    assertThat(settings.roleArn()).isEqualTo(VaultSettings.LOCAL_ROLE_ARN);
    assertThat(settings.agentToken()).isNull();
    assertThat(settings.sessionDuration()).isEqualTo(Duration.ofSeconds(900));
  }

  @Test
  void refusesValuesStsOrTheServerWouldRefuse() {
    assertRefused(() -> VaultSettings.localDefaults().withPort(70000), "port 70000");
    assertRefused(() -> VaultSettings.localDefaults().withAgentToken("short"), "too short");
    assertRefused(
        () ->
            new VaultSettings(
                null, 0, VaultSettings.Mode.LOCAL, null, null, null, Duration.ofSeconds(899)),
        "900 to 3600");
    assertRefused(
        () -> new VaultSettings(null, 0, VaultSettings.Mode.AWS, null, null, null, null),
        "required in AWS mode");
    assertRefused(
        () -> new VaultSettings(null, 0, VaultSettings.Mode.AWS, null, "role/x", null, null),
        "not an IAM role ARN");
    assertRefused(
        () ->
            new VaultSettings(
                null,
                0,
                VaultSettings.Mode.LOCAL,
                URI.create("http://127.0.0.1:1/sts"),
                null,
                null,
                null),
        "AWS mode only");
    assertRefused(
        () -> new VaultSettings(null, 0, null, null, null, null, null), "mode is required");
  }

  @Test
  void toStringRedactsTheAgentToken() {
    String token = "a-very-secret-agent-token-1234567890";

    String text = VaultSettings.localDefaults().withAgentToken(token).toString();

    assertThat(text).doesNotContain(token).contains("agentToken=<redacted>");
  }

  @Test
  void theOrchestratorTokenIsLongAndNeverTheAgentToken() {
    String token = "a-very-secret-agent-token-1234567890";
    assertRefused(
        () -> VaultSettings.localDefaults().withOrchestratorToken("short"),
        "orchestratorToken is too short");
    assertRefused(
        () -> VaultSettings.localDefaults().withAgentToken(token).withOrchestratorToken(token),
        "orchestratorToken must differ from agentToken");

    String text =
        VaultSettings.localDefaults()
            .withOrchestratorToken("a-very-secret-orchestrator-token-123")
            .withTools(TokenFlow.CATALOGUE)
            .toString();

    assertThat(text)
        .doesNotContain("a-very-secret-orchestrator-token-123")
        .contains("orchestratorToken=<redacted>")
        .contains("tools=[read_file, search.files, list_bucket, noop, huge_policy]");
  }

  @Test
  void aGivenOrchestratorTokenIsTheOneTheVaultChecksAndEachVaultIsItsOwnIssuer() {
    String token = "a-very-secret-orchestrator-token-123";
    try (TetherVault vault =
            TetherVault.start(TokenFlow.settings().withOrchestratorToken(token));
        TetherVault other = TetherVault.start(TokenFlow.settings())) {
      assertThat(vault.orchestratorToken()).isEqualTo(token);
      assertThat(other.orchestratorToken())
          .hasSizeGreaterThanOrEqualTo(43)
          .isNotEqualTo(other.agentToken());
      assertThat(vault.issuer()).startsWith("tether-vault/").isNotEqualTo(other.issuer());
    }
  }

  @Test
  void aGivenAgentTokenIsTheOneTheVaultChecks() {
    String token = "a-very-secret-agent-token-1234567890";
    try (TetherVault vault =
        TetherVault.start(VaultSettings.localDefaults().withAgentToken(token))) {
      assertThat(vault.agentToken()).isEqualTo(token);
      assertThat(new VaultHttp(vault.url()).get("/v1/issuances", token).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void generatesADifferentAgentTokenForEachVault() {
    try (TetherVault one = TetherVault.start(VaultSettings.localDefaults());
        TetherVault two = TetherVault.start(VaultSettings.localDefaults())) {
      assertThat(one.agentToken()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(two.agentToken());
      assertThat(new VaultHttp(one.url()).get("/v1/issuances", two.agentToken()).statusCode())
          .isEqualTo(401);
    }
  }

  private static void assertRefused(Runnable settings, String messagePart) {
    assertThatThrownBy(settings::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(messagePart);
  }
}
