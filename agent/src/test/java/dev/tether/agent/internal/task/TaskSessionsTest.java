package dev.tether.agent.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.aws.AwsCredentialIssuer;
import dev.tether.agent.internal.aws.AwsRequestGuard;
import dev.tether.agent.internal.config.OutsideToolsRule;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.context.Turn;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.LayerKind;
import dev.tether.core.wire.GrantRequest;
import dev.tether.vault.Issuance;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task sessions against a real Vault: one redemption per grant, and nothing shared across tasks. */
class TaskSessionsTest {

  private static final AwsScope READ_OWN =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::data/${task.id}/*"));
  private static final AwsScope WRITE_OWN =
      new AwsScope(List.of("s3:PutObject"), List.of("arn:aws:s3:::out/${task.id}/*"));

  static TetherVault vault;

  @BeforeAll
  static void startVault() {
    vault =
        TetherVault.start(
            VaultSettings.localDefaults()
                .withTools(ToolCatalogue.of(Map.of("reader", READ_OWN, "writer", WRITE_OWN))));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
  }

  @AfterAll
  static void stopVault() {
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    vault.close();
  }

  @AfterEach
  void noGrant() {
    System.clearProperty("tether.task.grant");
  }

  private final Telemetry telemetry = new Telemetry("none");
  private final VaultEndpoint endpoint =
      new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml");
  private final Derivations derivations = new Derivations(telemetry, TurnRule.all());
  /** One client, as the agent has: its workload key redeems grants and signs every exchange. */
  private final VaultClient client = new VaultClient(endpoint);
  private final AwsRequestGuard guard =
      new AwsRequestGuard(
          OutsideToolsRule.deny(),
          new AwsCredentialIssuer(client, derivations, telemetry),
          endpoint,
          telemetry,
          "test.yaml");

  private TaskSessions sessions() {
    return new TaskSessions(new GrantSource(), client, telemetry, "warm-jvm");
  }

  private static String grant(String task, String... tools) throws Exception {
    return new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
        .grant(new GrantRequest(task, "alice", List.of("acme/app", "acme/lib"), List.of(tools), 0))
        .token();
  }

  @Test
  void aSecondTaskInTheSameJvmNeverUsesTheFirstTasksTokensOrCredentials() throws Exception {
    TaskSessions sessions = sessions();
    System.setProperty("tether.task.grant", grant("t-first", "reader"));
    TaskSession first = sessions.current();
    ToolCall firstCall = derivations.toolCall(first, null, "reader", null, new Object(), null);
    String firstKey =
        guard.authorize(firstCall, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-first/a"), null)
            .accessKeyId();

    System.setProperty("tether.task.grant", grant("t-second", "reader"));
    TaskSession second = sessions.current();

    assertThat(second).isNotSameAs(first);
    assertThat(first.isActive()).isFalse();
    assertThat(second.token().grant().taskId()).isEqualTo("t-second");
    assertThatThrownBy(
            () -> guard.authorize(firstCall, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-first/a"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("the task this tool call belongs to has ended");
    ToolCall secondCall = derivations.toolCall(second, null, "reader", null, new Object(), null);
    assertThatThrownBy(
            () -> guard.authorize(secondCall, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-first/a"), null))
        .as("the second task's scope is its own task's data only")
        .isInstanceOf(TetherDeniedException.class);
    String secondKey =
        guard.authorize(secondCall, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-second/a"), null)
            .accessKeyId();
    assertThat(secondKey).isNotEqualTo(firstKey);
    Issuance issued = issuance(secondKey);
    assertThat(issued.taskId()).isEqualTo("t-second");
    assertThat(issued.policyJson()).contains("data/t-second/*").doesNotContain("t-first");
  }

  @Test
  void aGrantIsRedeemedOnceEvenByAnotherProcess() throws Exception {
    System.setProperty("tether.task.grant", grant("t-once", "reader"));
    assertThat(sessions().current().token().last().kind()).isEqualTo(LayerKind.TASK);

    TaskSessions replay = sessions();
    assertThatThrownBy(replay::current)
        .isInstanceOf(TaskUnavailable.class)
        .hasMessageContaining("grant_already_redeemed");
    assertThatThrownBy(replay::current)
        .as("remembered, not asked again")
        .hasMessageContaining("grant_already_redeemed");
  }

  @Test
  void withoutAGrantTheTaskIsUnavailableAndSaysWhatToSet() {
    assertThatThrownBy(() -> sessions().current())
        .isInstanceOf(TaskUnavailable.class)
        .hasMessageContaining("TETHER_TASK_GRANT");
  }

  @Test
  void aTurnHoldsTheRuleResolvedToolsAndTheApiNarrowsItFurther() throws Exception {
    System.setProperty("tether.task.grant", grant("t-turns", "reader", "writer"));
    TaskSession session = sessions().current();
    Derivations onlyReader = new Derivations(telemetry, new TurnRule(List.of("reader", "deployer"), null));

    Turn turn = onlyReader.turn(session, 1);
    assertThat(turn.token().effectiveScope().tools()).containsOnlyKeys("reader");
    assertThat(turn.token().layers()).hasSize(3);

    Turn full = derivations.turn(session, 2);
    assertThat(derivations.narrow(full, List.of("writer"), List.of("acme/lib"))).isNull();
    assertThat(full.token().effectiveScope().tools()).containsOnlyKeys("writer");
    assertThat(full.token().effectiveScope().repos()).containsExactly("acme/lib");
    assertThat(derivations.narrow(full, List.of("reader"), List.of()))
        .contains("tool reader is not part of this turn");

    ToolCall call = derivations.toolCall(session, full, "reader", null, new Object(), full.refusal());
    assertThat(call.refusal()).contains("names tool reader, which its parent does not grant");
    ToolCall write = derivations.toolCall(session, full, "writer", null, new Object(), null);
    assertThat(write.token().layers()).extracting(l -> l.kind())
        .containsExactly(LayerKind.GRANT, LayerKind.TASK, LayerKind.TURN, LayerKind.TOOL);
    assertThat(write.token().last().expiresAt() - write.token().last().issuedAt()).isLessThanOrEqualTo(60);
  }

  private static Issuance issuance(String accessKeyId) {
    return vault.issuances().stream()
        .filter(i -> i.accessKeyId().equals(accessKeyId))
        .findFirst()
        .orElseThrow();
  }
}
