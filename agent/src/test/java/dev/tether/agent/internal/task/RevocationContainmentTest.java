package dev.tether.agent.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.aws.AwsCredentialIssuer;
import dev.tether.agent.internal.aws.AwsRequestGuard;
import dev.tether.agent.internal.config.OutsideToolsRule;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containment against a real Vault on loopback: once the agent learns that the orchestrator
 * revoked a task (or one tool), by its poll or from a refusal, the credentials and tokens its
 * tool calls hold are dropped at their next use and every further use is refused inside the JVM,
 * with one {@code tether.containment} span.
 */
class RevocationContainmentTest {

  private static final AwsScope READ_OWN =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::data/${task.id}/*"));
  private static final String REASON = "prompt injection suspected";

  private static TetherVault vault;

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracers =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final Telemetry telemetry = Telemetry.using(tracers.get("test"));
  private final Derivations derivations = new Derivations(telemetry, TurnRule.all());
  private final VaultClient client = new VaultClient(
      new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml"));

  @BeforeAll
  static void startVault() {
    vault = TetherVault.start(VaultSettings.localDefaults()
        .withTools(ToolCatalogue.of(Map.of("reader", READ_OWN, "other", READ_OWN)))
        .withAttestation(TestWorkload.vaultPolicy()));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
  }

  @AfterAll
  static void stopVault() {
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    System.clearProperty("tether.task.grant");
    vault.close();
  }

  @AfterEach
  void closeTracers() {
    tracers.close();
    dev.tether.bootstrap.AwsRequestInFlight.clear();
  }

  @Test
  void aTaskRevocationLearntByThePollDropsTheCachedCredentialsAndRefusesEveryFurtherUse()
      throws Exception {
    TaskSessions sessions = sessions("t-poll", Duration.ofMinutes(10));
    AwsRequestGuard guard = guard(sessions);
    ToolCall call = call(sessions, "reader");
    IssuedAwsCredentials issued = get(guard, call, "t-poll/a.txt");
    assertThat(issued.accessKeyId()).startsWith("ASIA");

    Revocation revocation = revoke("t-poll", null);
    sessions.pollRevocationsNow(call.session());

    assertThatThrownBy(() -> get(guard, call, "t-poll/b.txt"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("Tether refused s3:GetObject on arn:aws:s3:::data/t-poll/b.txt in"
            + " tool 'reader': task t-poll was revoked at " + revocation.revokedAt()
            + " (revocation " + revocation.id() + "): " + REASON)
        .hasMessageContaining("credentials are dropped")
        .hasMessageContaining("nothing was sent");
    // The credentials the call held are gone: a later ask would have to fetch new ones.
    AtomicInteger fetched = new AtomicInteger();
    call.credentials(() -> {
      fetched.incrementAndGet();
      return issued;
    });
    assertThat(fetched).hasValue(1);
    // A new tool call of the task is refused too, without asking the Vault.
    int exchanges = count(Telemetry.SPAN_EXCHANGE);
    assertThatThrownBy(() -> get(guard, call(sessions, "other"), "t-poll/c.txt"))
        .isInstanceOf(TetherDeniedException.class).hasMessageContaining("in tool 'other'");
    assertThat(count(Telemetry.SPAN_EXCHANGE)).isEqualTo(exchanges);

    sessions.pollRevocationsNow(call.session()); // learnt already: no second span
    assertThat(containments()).singleElement().satisfies(span -> {
      assertThat(attr(span, "task.id")).isEqualTo("t-poll");
      assertThat(attr(span, "tether.tool")).isNull();
      assertThat(attr(span, "tether.revocation.scope")).isEqualTo("task");
      assertThat(attr(span, "tether.reason")).isEqualTo(REASON);
      assertThat(attr(span, "tether.revocation.id")).isEqualTo(revocation.id());
      assertThat(attr(span, "tether.revocation.source")).isEqualTo("poll");
    });
    // Each refusal is a deny decision on an AWS request: what tether.denials counts.
    assertThat(spans.getFinishedSpanItems())
        .filteredOn(s -> s.getName().equals(Telemetry.SPAN_DECISION))
        .filteredOn(s -> "deny".equals(attr(s, "tether.decision")))
        .hasSize(2)
        .allSatisfy(s -> assertThat(attr(s, "tether.aws.action")).isEqualTo("s3:GetObject"));
  }

  @Test
  void aToolRevocationLearntFromAnExchangeRefusalRefusesThatToolOnlyAndTheVaultOnlyOnce()
      throws Exception {
    TaskSessions sessions = sessions("t-exchange", Duration.ofMinutes(10));
    AwsRequestGuard guard = guard(sessions);
    Revocation revocation = revoke("t-exchange", "reader");

    // The agent does not know yet: the Vault refuses the exchange, and that is news.
    assertThatThrownBy(() -> get(guard, call(sessions, "reader"), "t-exchange/a.txt"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("tool_revoked")
        .hasMessageContaining(revocation.id());
    int exchanges = count(Telemetry.SPAN_EXCHANGE);
    assertThatThrownBy(() -> get(guard, call(sessions, "reader"), "t-exchange/b.txt"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("tool 'reader' of task t-exchange was revoked at "
            + revocation.revokedAt() + " (revocation " + revocation.id() + "): " + REASON);
    assertThat(count(Telemetry.SPAN_EXCHANGE)).as("refused inside the JVM").isEqualTo(exchanges);

    assertThat(get(guard, call(sessions, "other"), "t-exchange/c.txt").accessKeyId())
        .startsWith("ASIA");
    assertThat(containments()).singleElement().satisfies(span -> {
      assertThat(attr(span, "tether.tool")).isEqualTo("reader");
      assertThat(attr(span, "tether.revocation.scope")).isEqualTo("tool");
      assertThat(attr(span, "tether.revocation.id")).isEqualTo(revocation.id());
      assertThat(attr(span, "tether.revocation.source")).isEqualTo("exchange");
      assertThat(attr(span, "tether.reason")).isEqualTo(REASON);
    });
  }

  @Test
  void apiTokensOfARevokedTaskAreRefusedWithoutAskingTheVault() throws Exception {
    TaskSessions sessions = sessions("t-api", Duration.ofMinutes(10));
    ApiTokenIssuer tokens = new ApiTokenIssuer(client, sessions, derivations, telemetry);
    ToolCall call = call(sessions, "reader");
    assertThat(tokens.singleUse(call, "api.example.com")).startsWith("tsu_");
    ToolCall.ApiToken kept = tokens.timeBoxedToken(call, "api.example.com");
    call.apiToken("api.example.com", () -> kept);

    Revocation revocation = revoke("t-api", null);
    sessions.pollRevocationsNow(call.session());

    int exchanges = count(Telemetry.SPAN_EXCHANGE);
    assertThatThrownBy(() -> tokens.singleUse(call, "api.example.com"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("in tool 'reader': task t-api was revoked")
        .hasMessageContaining(revocation.id());
    assertThatThrownBy(() -> tokens.requireUsable(call, "a time-boxed token"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining(REASON);
    assertThat(call.takeApiToken("api.example.com")).as("the kept token is dropped").isNull();
    assertThat(count(Telemetry.SPAN_EXCHANGE)).isEqualTo(exchanges);
  }

  @Test
  void theBackgroundPollLearnsOfARevocationByItself() throws Exception {
    TaskSessions sessions = sessions("t-background", Duration.ofMillis(100));
    ToolCall call = call(sessions, "reader");
    assertThat(Thread.getAllStackTraces().keySet())
        .anySatisfy(t -> {
          assertThat(t.getName()).isEqualTo("tether-revocations");
          assertThat(t.isDaemon()).isTrue();
        });
    assertThat(call.session().revocationProblem("reader")).isNull();

    revoke("t-background", "reader");

    // The poll thread records the revocation, then ends the containment span: wait for both.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while ((call.session().revocationProblem("reader") == null || containments().isEmpty())
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(call.session().revocationProblem("reader")).contains(REASON);
    assertThat(call.session().revocationProblem("other")).isNull();
    assertThat(containments()).singleElement()
        .satisfies(span -> assertThat(attr(span, "tether.revocation.source")).isEqualTo("poll"));
  }

  @Test
  void thePollBacksOffWhileTheVaultDoesNotAnswerAndIsJittered() {
    RevocationWatch watch = new RevocationWatch(client, new Containment(telemetry),
        Duration.ofSeconds(5));
    for (int i = 0; i < 50; i++) {
      assertThat(watch.delayAfter(0)).isBetween(4_000L, 6_000L);
      assertThat(watch.delayAfter(1)).isBetween(8_000L, 12_000L);
      assertThat(watch.delayAfter(2)).isBetween(16_000L, 24_000L);
      assertThat(watch.delayAfter(30)).isBetween(48_000L, 72_000L);
    }
    RevocationWatch slow = new RevocationWatch(client, new Containment(telemetry),
        Duration.ofMinutes(10));
    assertThat(slow.delayAfter(3)).as("never shorter than the interval")
        .isBetween(480_000L, 720_000L);
  }

  @Test
  void aRefusalInAnotherFormIsStillNewsAndTheRefusalsOwnFormIsReadExactly() throws Exception {
    TaskSessions sessions = sessions("t-forms", Duration.ofMinutes(10));
    TaskSession session = sessions.current();
    Revocation parsed = Containment.fromRefusal(session, "reader", "tool_revoked",
        "the Vault refused the request to http://v/v1/aws/credentials (HTTP 403): tool_revoked:"
            + " tool 'reader' of task t-forms was revoked at 2026-11-26T10:00:00.123Z (revocation"
            + " rv-0123abcd): reason; with; semicolons; the task's other tools are still served");
    assertThat(parsed).isEqualTo(new Revocation("rv-0123abcd", "t-forms", "reader",
        "reason; with; semicolons", java.time.Instant.parse("2026-11-26T10:00:00.123Z")));

    Revocation other = Containment.fromRefusal(session, "reader", "task_revoked", "gone");
    assertThat(other.taskId()).isEqualTo("t-forms");
    assertThat(other.wholeTask()).isTrue();
    assertThat(other.reason()).isEqualTo("gone");
    assertThat(Containment.fromRefusal(session, null, "tool_revoked", "gone"))
        .as("a tool's revocation on the task's own request names no tool").isNull();
  }

  // --- helpers ---

  private TaskSessions sessions(String task, Duration poll) throws Exception {
    System.setProperty("tether.task.grant",
        new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
            .grant(new GrantRequest(task, "alice", List.of("acme/widgets"),
                List.of("reader", "other"), 0))
            .token());
    return new TaskSessions(new GrantSource(), client,
        TestWorkload.attestation(client, telemetry), telemetry, "test-agent", poll);
  }

  private AwsRequestGuard guard(TaskSessions sessions) {
    return new AwsRequestGuard(OutsideToolsRule.deny(),
        new AwsCredentialIssuer(client, sessions, derivations, telemetry), sessions,
        client.endpoint(), telemetry, "test.yaml");
  }

  private ToolCall call(TaskSessions sessions, String tool) throws TaskUnavailable {
    return derivations.toolCall(sessions.current(), null, tool, null, new Object(), null);
  }

  private static IssuedAwsCredentials get(AwsRequestGuard guard, ToolCall call, String key) {
    String task = key.substring(0, key.indexOf('/'));
    assertThat(task).isNotEmpty();
    return guard.authorize(call, "S3", "GetObject", "us-east-1",
        Map.of("Bucket", "data", "Key", key), null);
  }

  private static Revocation revoke(String task, String tool) throws Exception {
    return new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
        .revoke(new RevocationRequest(task, tool, REASON));
  }

  private List<SpanData> containments() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(Telemetry.SPAN_CONTAINMENT)).toList();
  }

  private int count(String name) {
    return (int) spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name)).count();
  }

  private static String attr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
