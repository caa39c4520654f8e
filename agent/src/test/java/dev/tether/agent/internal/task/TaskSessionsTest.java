package dev.tether.agent.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.aws.AwsCredentialIssuer;
import dev.tether.agent.internal.aws.AwsRequestGuard;
import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.attest.LocalAttestorClient;
import dev.tether.agent.internal.attest.WorkloadAttestation;
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
import dev.tether.core.wire.Binding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
                .withTools(ToolCatalogue.of(Map.of("reader", READ_OWN, "writer", WRITE_OWN)))
                .withAttestation(TestWorkload.vaultPolicy()));
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
  private final WorkloadAttestation attestation = TestWorkload.attestation(client, telemetry);
  private final TaskSessions renewals = sessions();
  private final AwsRequestGuard guard =
      new AwsRequestGuard(
          OutsideToolsRule.deny(),
          new AwsCredentialIssuer(client, renewals, derivations, telemetry),
          renewals,
          endpoint,
          telemetry,
          "test.yaml");

  private TaskSessions sessions() {
    return new TaskSessions(new GrantSource(), client, attestation, telemetry, "warm-jvm");
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
  void redemptionBindsTheTaskToThisWorkloadsAttestation() throws Exception {
    System.setProperty("tether.task.grant", grant("t-bound", "reader"));
    TaskSession session = sessions().current();

    Binding binding = session.binding();
    assertThat(binding.kind()).isEqualTo("local");
    assertThat(session.token().layers().get(1).attestation()).isEqualTo(binding.id());
    assertThat(session.token().layers().get(1).confirmation())
        .isEqualTo(client.workloadKey().thumbprint());
    assertThat(session.bindingFreshAt(System.currentTimeMillis(), 0)).isTrue();
  }

  @Test
  void aWorkloadWithoutAConfiguredNameIsNamedAfterItsPidInTheChain() throws Exception {
    System.setProperty("tether.task.grant", grant("t-unnamed", "reader"));
    TaskSession session =
        new TaskSessions(new GrantSource(), client, attestation, telemetry, null).current();

    assertThat(session.token().layers().get(1).actor())
        .isEqualTo("agent:jvm-" + ProcessHandle.current().pid());
  }

  @Test
  void aGrantThereAtStartUpIsRedeemedThenAndNotAgainAtTheFirstBoundary() throws Exception {
    TaskSessions sessions = sessions();
    sessions.prepare(); // no grant yet: nothing happens, and nothing is remembered
    System.setProperty("tether.task.grant", grant("t-early", "reader"));
    int before = vault.issuances().size();

    sessions.prepare();
    TaskSession first = sessions.current();

    assertThat(first.token().grant().taskId()).isEqualTo("t-early");
    assertThat(sessions.current()).isSameAs(first);
    assertThat(vault.issuances()).hasSize(before); // redeeming issues no AWS session
    TaskSessions another = sessions();
    assertThatThrownBy(another::current)
        .as("the grant was spent by the start-up redemption")
        .hasMessageContaining("grant_already_redeemed");
  }

  @Test
  void aGrantHandedOverAfterStartUpIsRedeemedInTheBackgroundOnceAClientIsBuilt() throws Exception {
    TaskSessions sessions = sessions();
    sessions.prepareSoon(); // no grant yet: no thread, nothing remembered
    String grant = grant("t-soon", "reader");
    System.setProperty("tether.task.grant", grant);

    sessions.prepareSoon();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sessions.active() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    TaskSession redeemed = sessions.active();
    assertThat(redeemed).as("redeemed by the background thread, before any boundary").isNotNull();
    assertThat(sessions.current()).isSameAs(redeemed);
    assertThatThrownBy(sessions()::current)
        .as("redeemed once")
        .hasMessageContaining("grant_already_redeemed");
    assertThat(sessions.current().token().grant().taskId()).isEqualTo("t-soon");
  }

  @Test
  void aStaleBindingIsRenewedBeforeTheNextUse() throws Exception {
    System.setProperty("tether.task.grant", grant("t-renew", "reader"));
    TaskSession session = sessions().current();
    Binding fresh = session.binding();
    ToolCall call = derivations.toolCall(session, null, "reader", null, new Object(), null);
    Map<String, String> own = Map.of("Bucket", "data", "Key", "t-renew/a");
    guard.authorize(call, "S3", "GetObject", "us-east-1", own, null);

    // As the agent sees a binding whose time ran out while nothing renewed it.
    session.renewed(new Binding(fresh.id(), fresh.kind(), fresh.strength(),
        fresh.attestedAt().minusSeconds(3600), Instant.now().minusSeconds(1)));
    assertThat(guard.authorize(call, "S3", "GetObject", "us-east-1", own, null)).isNotNull();

    assertThat(session.binding().id()).isEqualTo(fresh.id());
    assertThat(session.binding().attestedAt()).isAfterOrEqualTo(fresh.attestedAt());
    assertThat(session.bindingFreshAt(System.currentTimeMillis(), 0)).isTrue();
  }

  @Test
  void whenTheVaultAsksTheAgentAttestsAgainAndRetriesTheExchange() throws Exception {
    System.setProperty("tether.task.grant", grant("t-asked", "reader"));
    TaskSession session = sessions().current();
    Binding before = session.binding();
    Map<String, String> own = Map.of("Bucket", "data", "Key", "t-asked/a");

    vault.requireReattestation(); // the agent still believes its binding fresh
    ToolCall call = derivations.toolCall(session, null, "reader", null, new Object(), null);
    String key = guard.authorize(call, "S3", "GetObject", "us-east-1", own, null).accessKeyId();

    assertThat(key).startsWith("ASIA");
    assertThat(session.binding().id()).isEqualTo(before.id());
    assertThat(session.binding().freshUntil()).isAfter(Instant.now());
    assertThat(vault.issuances()).anySatisfy(i -> assertThat(i.accessKeyId()).isEqualTo(key));
  }

  @Test
  void whenTheBindingCannotBeRenewedCredentialsAreRefusedAndDropped() throws Exception {
    VaultClient other = new VaultClient(endpoint);
    WorkloadAttestation launcherGone = new WorkloadAttestation(
        new LocalAttestorClient("http://127.0.0.1:1", "ticket"), other, telemetry,
        Duration.ofMinutes(5));
    TaskSessions sessions =
        new TaskSessions(new GrantSource(), other, TestWorkload.attestation(other, telemetry),
            telemetry, "warm-jvm");
    System.setProperty("tether.task.grant", grant("t-gone", "reader"));
    TaskSession session = sessions.current();
    TaskSessions renewalsFail =
        new TaskSessions(new GrantSource(), other, launcherGone, telemetry, "warm-jvm");
    AwsRequestGuard strict = new AwsRequestGuard(OutsideToolsRule.deny(),
        new AwsCredentialIssuer(other, renewalsFail, derivations, telemetry), renewalsFail,
        endpoint, telemetry, "test.yaml");
    ToolCall call = derivations.toolCall(session, null, "reader", null, new Object(), null);
    Map<String, String> own = Map.of("Bucket", "data", "Key", "t-gone/a");
    strict.authorize(call, "S3", "GetObject", "us-east-1", own, null);

    Binding fresh = session.binding();
    session.renewed(new Binding(fresh.id(), fresh.kind(), fresh.strength(), fresh.attestedAt(),
        Instant.now().minusSeconds(1)));

    assertThatThrownBy(() -> strict.authorize(call, "S3", "GetObject", "us-east-1", own, null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("attestation binding is stale and could not be renewed")
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("ticket\"");
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
