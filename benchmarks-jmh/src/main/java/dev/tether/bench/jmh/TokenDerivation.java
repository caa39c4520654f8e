package dev.tether.bench.jmh;

import dev.tether.agent.internal.attest.LocalAttestorClient;
import dev.tether.agent.internal.attest.WorkloadAttestation;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.context.Turn;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.task.TaskSession;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalAttestorServer;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.IssuerKeys;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.GrantRequest;
import dev.tether.vault.AttestationPolicy;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The offline derivations at turn and tool boundaries, as the agent makes them (the agent's own
 * {@link Derivations}, with its span, exported through a real OTLP batch pipeline), and the
 * Vault's verification of a four-layer chain. The bar (DESIGN.md §8): a tool-call derivation,
 * span included, at most 20 µs median.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenDerivation {

  static final Map<String, AwsScope> TOOLS = tools();

  /** A real task session (grant minted and redeemed at an embedded Vault) and its first turn. */
  @State(Scope.Benchmark)
  public static class AgentSide {
    TetherVault vault;
    LocalAttestorServer attestor;
    TaskSession session;
    Turn turn;
    Derivations derivations;
    final Object boundary = new Object();

    @Setup(Level.Trial)
    public void start() throws Exception {
      // Spans go through the SDK and a batch processor; the OTLP endpoint refuses, so the
      // exporter's work stays off the measured thread, as in production.
      System.setProperty("otel.traces.exporter", "otlp");
      System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
      System.setProperty("otel.bsp.schedule.delay", "60000");
      LauncherKey launcher = LauncherKey.generate();
      LocalAttestor launch = new LocalAttestor(launcher, "pid bench");
      attestor = LocalAttestorServer.start(launch);
      vault = TetherVault.start(VaultSettings.localDefaults().withTools(ToolCatalogue.of(TOOLS))
          .withAttestation(AttestationPolicy.defaults().withLauncher(launcher.publicKey())));
      String grant =
          new OrchestratorClient(vault.url(), vault.orchestratorToken(), 5_000)
              .grant(
                  new GrantRequest(
                      "t-bench", "bench", List.of("acme/app", "acme/lib"),
                      List.copyOf(TOOLS.keySet()), 0))
              .token();
      System.setProperty("tether.task.grant", grant);
      System.setProperty("tether.vault.url", vault.url().toString());
      System.setProperty("tether.vault.token", vault.agentToken());
      Telemetry telemetry = new Telemetry("otlp");
      telemetry.warmUp();
      VaultEndpoint endpoint =
          new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(5)), "bench");
      VaultClient client = new VaultClient(endpoint);
      WorkloadAttestation attestation = new WorkloadAttestation(
          new LocalAttestorClient(attestor.url().toString(), launch.ticket()), client, telemetry,
          Duration.ofMinutes(5));
      session =
          new TaskSessions(new GrantSource(), client, attestation, telemetry, "bench").current();
      derivations = new Derivations(telemetry, TurnRule.all());
      turn = derivations.turn(session, 1);
    }

    @TearDown(Level.Trial)
    public void stop() {
      attestor.close();
      vault.close();
    }
  }

  /** A four-layer chain and the Vault's verifier, without HTTP. */
  @State(Scope.Benchmark)
  public static class VaultSide {
    ChainVerifier verifier;
    String fourLayers;

    @Setup(Level.Trial)
    public void mint() throws ChainRefusal {
      IssuerKeys keys = IssuerKeys.random("bench-vault");
      TokenMinter minter = new TokenMinter(keys);
      verifier = new ChainVerifier(keys, Duration.ofSeconds(30));
      fourLayers = TokenSizes.fourLayers(minter, verifier).encode();
    }
  }

  @Benchmark
  public Turn turnDerivation(AgentSide agent) {
    Turn turn = agent.derivations.turn(agent.session, 2);
    turn.span().end();
    return turn;
  }

  @Benchmark
  public ToolCall toolCallDerivation(AgentSide agent) {
    ToolCall call =
        agent.derivations.toolCall(
            agent.session, agent.turn, "fetchSources", null, agent.boundary, null);
    call.span().end();
    return call;
  }

  /** The configuration narrows the grant's scope: the layer carries its own, checked, scope. */
  static final AwsScope NARROWER =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::tether-sources/${repo}/src/*"));

  @Benchmark
  public ToolCall toolCallWithConfiguredScope(AgentSide agent) {
    ToolCall call =
        agent.derivations.toolCall(
            agent.session, agent.turn, "fetchSources", NARROWER, agent.boundary, null);
    call.span().end();
    return call;
  }

  @Benchmark
  public VerifiedChain vaultVerifiesFourLayers(VaultSide vault) throws ChainRefusal {
    return vault.verifier.verify(vault.fourLayers, Instant.now());
  }

  private static Map<String, AwsScope> tools() {
    Map<String, AwsScope> tools = new LinkedHashMap<>();
    tools.put(
        "fetchSources",
        new AwsScope(
            List.of("s3:GetObject", "s3:ListBucket"),
            List.of("arn:aws:s3:::tether-sources/${repo}/*", "arn:aws:s3:::tether-sources")));
    tools.put(
        "readBuildLog",
        new AwsScope(
            List.of("s3:GetObject"), List.of("arn:aws:s3:::tether-build-logs/${task.id}/*")));
    tools.put(
        "writePatch",
        new AwsScope(List.of("s3:PutObject"), List.of("arn:aws:s3:::tether-patches/${task.id}/*")));
    tools.put(
        "publishReport",
        new AwsScope(
            List.of("s3:PutObject"), List.of("arn:aws:s3:::tether-reports/${task.id}/*")));
    return tools;
  }
}
