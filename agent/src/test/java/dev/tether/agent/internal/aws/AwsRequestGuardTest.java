package dev.tether.agent.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.config.OutsideToolsRule;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.task.TaskUnavailable;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.scope.AwsScope;
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

/** Decisions against a real Vault on loopback: what is allowed, what is refused and why. */
class AwsRequestGuardTest {

  private static final AwsScope READ_OWN =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::data/${task.id}/*"));

  static TetherVault vault;

  @BeforeAll
  static void startVault() throws Exception {
    vault =
        TetherVault.start(
            VaultSettings.localDefaults()
                .withTools(ToolCatalogue.of(Map.of("reader", READ_OWN, "runTests", AwsScope.none())))
                .withAttestation(TestWorkload.vaultPolicy()));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
    System.setProperty("tether.task.grant", grant("t-1", "reader", "runTests"));
  }

  static String grant(String task, String... tools) throws Exception {
    return new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
        .grant(new GrantRequest(task, "alice", List.of("acme/widgets"), List.of(tools), 0))
        .token();
  }

  @AfterAll
  static void stopVault() {
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    System.clearProperty("tether.task.grant");
    vault.close();
  }

  @AfterEach
  void noInFlightDecisionLeaks() {
    dev.tether.bootstrap.AwsRequestInFlight.clear();
  }

  private final Telemetry telemetry = new Telemetry("none");
  private final VaultEndpoint endpoint =
      new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml");
  private final Derivations derivations = new Derivations(telemetry, TurnRule.all());
  /** One client, as the agent has: its workload key redeems the grant and signs every exchange. */
  private static VaultClient client;

  private VaultClient client() {
    if (client == null) {
      client = new VaultClient(endpoint);
    }
    return client;
  }
  /** One task for the whole class: a grant is redeemed once. */
  private static TaskSessions sessions;

  private TaskSessions sessions() {
    if (sessions == null) {
      sessions = new TaskSessions(new GrantSource(), client(),
          TestWorkload.attestation(client(), telemetry), telemetry, "test-agent");
    }
    return sessions;
  }

  private AwsRequestGuard guard(OutsideToolsRule outside) {
    return new AwsRequestGuard(
        outside,
        new AwsCredentialIssuer(client(), sessions(), derivations, telemetry),
        sessions(),
        endpoint,
        telemetry,
        "test.yaml");
  }

  /** A tool call as the dispatcher derives it at the tool boundary, outside any turn. */
  private ToolCall call(String tool, AwsScope configured) {
    try {
      return derivations.toolCall(sessions().current(), null, tool, configured, new Object(), null);
    } catch (TaskUnavailable e) {
      throw new AssertionError(e.getMessage());
    }
  }

  @Test
  void requestInsideTheScopeGetsTheCallsOwnVaultIssuedSession() {
    ToolCall call = call("reader", READ_OWN);
    AwsRequestGuard guard = guard(OutsideToolsRule.deny());

    IssuedAwsCredentials first =
        guard.authorize(call, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/a.txt"), null);
    IssuedAwsCredentials second =
        guard.authorize(call, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/b.txt"), null);

    assertThat(first.accessKeyId()).startsWith("ASIA");
    assertThat(second.accessKeyId()).as("cached for the call").isEqualTo(first.accessKeyId());
    Issuance issuance =
        vault.issuances().stream().filter(i -> i.accessKeyId().equals(first.accessKeyId())).findFirst().orElseThrow();
    assertThat(issuance.tool()).isEqualTo("reader");
    assertThat(issuance.callId()).isEqualTo(call.callId());
    assertThat(issuance.policyJson()).contains("arn:aws:s3:::data/t-1/*").doesNotContain("${task.id}");
    assertThat(issuance.delegation())
        .containsExactly("user:alice", "orchestrator:default", "agent:test-agent", "tool:reader");
    assertThat(first.toString()).doesNotContain(first.secretAccessKey());
  }

  @Test
  void anotherCallOfTheSameToolGetsAnotherSession() {
    AwsRequestGuard guard = guard(OutsideToolsRule.deny());
    Map<String, String> own = Map.of("Bucket", "data", "Key", "t-1/a.txt");
    String a = guard.authorize(call("reader", READ_OWN), "S3", "GetObject", "us-east-1", own, null).accessKeyId();
    String b = guard.authorize(call("reader", READ_OWN), "S3", "GetObject", "us-east-1", own, null).accessKeyId();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void requestOutsideTheScopeIsRefusedWithToolActionResourceAndReason() {
    int issued = vault.issuances().size();
    assertThatThrownBy(
            () -> guard(OutsideToolsRule.deny())
                .authorize(call("reader", READ_OWN), "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-2/a.txt"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessage(
            "Tether refused s3:GetObject on arn:aws:s3:::data/t-2/a.txt in tool 'reader': outside the tool's scope "
                + "(it allows [s3:GetObject] on [arn:aws:s3:::data/t-1/*]); nothing was sent");
    assertThat(vault.issuances()).as("nothing asked of the Vault").hasSize(issued);
  }

  @Test
  void widerActionIsRefusedEvenOnAnAllowedResource() {
    assertThatThrownBy(
            () -> guard(OutsideToolsRule.deny())
                .authorize(call("reader", READ_OWN), "S3", "DeleteObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/a.txt"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("s3:DeleteObject");
  }

  @Test
  void toolWithoutAnAwsScopeIsRefused() {
    assertThatThrownBy(
            () -> guard(OutsideToolsRule.deny())
                .authorize(call("runTests", null), "S3", "GetObject", "us-east-1", Map.of("Bucket", "data"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("the tool's token grants no AWS access");
  }

  @Test
  void aToolTheGrantDoesNotNameGetsNoTokenAndNoCredentials() {
    int issued = vault.issuances().size();
    assertThatThrownBy(
            () -> guard(OutsideToolsRule.deny())
                .authorize(call("deployer", null), "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/a"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("tool 'deployer' gets no token: the tool layer names tool deployer, which its parent does not grant");
    assertThat(vault.issuances()).hasSize(issued);
  }

  @Test
  void aConfiguredScopeWiderThanTheGrantIsNotDerived() {
    AwsScope wider = new AwsScope(List.of("s3:GetObject", "s3:DeleteObject"), List.of("arn:aws:s3:::data/${task.id}/*"));
    assertThatThrownBy(
            () -> guard(OutsideToolsRule.deny())
                .authorize(call("reader", wider), "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/a"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("widens tool reader: action s3:DeleteObject is not allowed by the parent");
  }

  @Test
  void aConfiguredScopeNarrowerThanTheGrantNarrowsTheCall() {
    AwsScope narrower = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::data/${task.id}/public/*"));
    AwsRequestGuard guard = guard(OutsideToolsRule.deny());
    ToolCall call = call("reader", narrower);
    assertThat(guard.authorize(call, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/public/a"), null))
        .isNotNull();
    assertThatThrownBy(
            () -> guard.authorize(call, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/private/a"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("outside the tool's scope");
  }

  @Test
  void outsideAnyToolIsRefusedUnlessTheServiceIsAmbient() {
    assertThatThrownBy(
            () -> guard(OutsideToolsRule.deny())
                .authorize(null, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "k"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("outside any tool call, and outside-tools.aws is 'deny' in test.yaml");

    AwsRequestGuard ambientLogs =
        guard(new OutsideToolsRule(OutsideToolsRule.Mode.AMBIENT, List.of("logs")));
    assertThat(ambientLogs.authorize(null, "CloudWatchLogs", "PutLogEvents", "us-east-1", Map.of(), null))
        .isSameAs(IssuedAwsCredentials.AMBIENT);
    assertThatThrownBy(
            () -> ambientLogs.authorize(null, "S3", "GetObject", "us-east-1", Map.of("Bucket", "b", "Key", "k"), null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("'s3' is not in outside-tools.ambient-services");
  }

  @Test
  void onlyRequestsAddressedToTheVaultAreLeftAlone() {
    String origin = vault.url().toString();
    assertThat(guard(OutsideToolsRule.deny()).authorize(null, "Sts", "AssumeRole", "us-east-1", Map.of(), origin)).isNull();
    // The local STS's listener is judged like any endpoint, also when code in the JVM names it in
    // the property through which the Vault once exempted its own SDK calls (they no longer exist).
    String sts = vault.localStsUrl().orElseThrow().toString();
    System.setProperty("tether.vault.sts-url", sts);
    try {
      assertThatThrownBy(
              () -> guard(OutsideToolsRule.deny()).authorize(null, "Sts", "AssumeRole", "us-east-1", Map.of(), sts))
          .isInstanceOf(TetherDeniedException.class);
    } finally {
      System.clearProperty("tether.vault.sts-url");
    }
  }

  @Test
  void ambientProviderInsideAToolAnswersWithTheCallsSession() {
    ToolCall call = call("reader", READ_OWN);
    AwsRequestGuard guard = guard(OutsideToolsRule.deny());
    IssuedAwsCredentials fromProvider = guard.onAmbientProvider(call, "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
    IssuedAwsCredentials forRequest =
        guard.authorize(call, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/a.txt"), null);
    assertThat(fromProvider.accessKeyId()).isEqualTo(forRequest.accessKeyId());
    assertThatThrownBy(() -> guard.onAmbientProvider(null, "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageStartingWith("Tether refused AWS credentials from DefaultCredentialsProvider: requested outside any tool call");
  }

  @Test
  void anEndedCallsLeftoverWorkIsRefused() {
    ToolCall call = call("reader", READ_OWN);
    AwsRequestGuard guard = guard(OutsideToolsRule.deny());
    Map<String, String> own = Map.of("Bucket", "data", "Key", "t-1/a.txt");
    assertThat(guard.authorize(call, "S3", "GetObject", "us-east-1", own, null).accessKeyId())
        .as("during the call").isNotNull();
    call.end();
    // Work the tool left running (a task it did not wait for) ends with the call: no kept key,
    // and no fresh one either.
    assertThatThrownBy(() -> guard.authorize(call, "S3", "GetObject", "us-east-1", own, null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("in tool 'reader': the tool call has ended")
        .hasMessageEndingWith("nothing was sent");
  }

  @Test
  void vaultDownIsAClearRefusal() {
    VaultEndpoint down = new VaultEndpoint(new VaultConfig("http://127.0.0.1:1", null, Duration.ofMillis(500)), "test.yaml");
    String saved = System.clearProperty("tether.vault.url");
    try {
      ToolCall call = call("reader", READ_OWN);
      AwsRequestGuard guard =
          new AwsRequestGuard(
              OutsideToolsRule.deny(),
              new AwsCredentialIssuer(new VaultClient(down), sessions(), derivations, telemetry),
              sessions(),
              down,
              telemetry,
              "test.yaml");
      assertThatThrownBy(
              () -> guard.authorize(call, "S3", "GetObject", "us-east-1", Map.of("Bucket", "data", "Key", "t-1/a"), null))
          .isInstanceOf(TetherDeniedException.class)
          .hasMessageStartingWith("Tether could not obtain AWS credentials for tool 'reader': the Vault at http://127.0.0.1:1 is unreachable")
          .hasMessageNotContaining(vault.agentToken());
    } finally {
      System.setProperty("tether.vault.url", saved);
    }
  }
}
