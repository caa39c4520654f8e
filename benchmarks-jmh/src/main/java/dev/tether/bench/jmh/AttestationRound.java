package dev.tether.bench.jmh;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalAttestorServer;
import dev.tether.core.attest.LocalEvidence;
import dev.tether.core.attest.LocalEvidenceException;
import dev.tether.core.attest.LocalStatement;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.token.Attenuation;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.ToolRights;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.vault.AttestationPolicy;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
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
 * The cost of binding a workload, and of an exchange that proves possession of its key, against a
 * real Vault in local mode on loopback (its own STS included) and a real local attestor:
 *
 * <ul>
 *   <li>{@code localVerify}: the Vault's check of one local statement (parse, Ed25519 verify);
 *   <li>{@code localRound}: one re-attestation as the agent makes it: a nonce (a proof-signed
 *       POST), the launcher's evidence over it (a POST to the attestor), and {@code POST
 *       /v1/attestations} with a proof, which the Vault verifies (proof, chain, nonce, evidence);
 *   <li>{@code exchangeWithProof}: {@code POST /v1/aws/credentials} for a tool-call token, with a
 *       fresh proof: the Vault verifies the chain, the proof and the binding's freshness, then
 *       obtains an STS session from its local STS. Compare with {@link ProofCost} for the share
 *       of the proof itself.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class AttestationRound {

  @State(Scope.Benchmark)
  public static class Workload {
    final WorkloadKey key = WorkloadKey.generate();
    final LauncherKey launcher = LauncherKey.generate();
    final HttpClient http = HttpClient.newHttpClient();
    Map<String, PublicKey> trusted;
    String statement;
    LocalAttestor attestor;
    LocalAttestorServer attestorServer;
    TetherVault vault;
    LayeredToken task;
    LayeredToken toolCall;

    @Setup(Level.Trial)
    public void start() throws Exception {
      trusted = Map.of(launcher.id(), launcher.publicKey());
      statement = LocalEvidence.issue(new LocalStatement("bm9uY2U", key.thumbprint(),
          launcher.id(), "pid bench", System.currentTimeMillis() / 1000), launcher);
      attestor = new LocalAttestor(launcher, "pid bench");
      attestorServer = LocalAttestorServer.start(attestor);
      AwsScope scope = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/${task.id}/*"));
      vault = TetherVault.start(VaultSettings.localDefaults()
          .withTools(ToolCatalogue.of(Map.of("read", scope)))
          .withAttestation(AttestationPolicy.defaults().withLauncher(launcher.publicKey())));
      String grant = new OrchestratorClient(vault.url(), vault.orchestratorToken(), 5_000)
          .grant(new GrantRequest("t-bench", "alice", List.of("acme/app"), List.of("read"), 0))
          .token();
      IssuedToken issued = post("/v1/tasks",
          new RedeemRequest(grant, "bench", evidence()), grant, IssuedToken.class);
      task = LayeredToken.parse(issued.token());
      toolCall = toolCall();
      if (exchange(this).accessKeyId() == null) {
        throw new IllegalStateException("the exchange returned no key");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      attestorServer.close();
      vault.close();
    }

    Evidence evidence() throws Exception {
      String nonce = post("/v1/attestations/nonces", new NonceRequest("local"),
          vault.agentToken(), AttestationNonce.class).nonce();
      String body = JsonWriter.write(JsonObject.builder().put("ticket", attestor.ticket()).put("nonce", nonce)
          .put("jkt", key.thumbprint()).build());
      HttpResponse<String> answer = http.send(
          HttpRequest.newBuilder(attestorServer.url().resolve("/v1/evidence"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("the attestor refused: " + answer.body());
      }
      String document =
          ((JsonString) ((JsonObject) JsonReader.parse(answer.body())).get("evidence")).value();
      return new Evidence("local", nonce, document);
    }

    /** A tool-call token good for a minute; the trial re-derives it when it gets old. */
    LayeredToken toolCall() throws ChainRefusal {
      long now = System.currentTimeMillis() / 1000;
      return Attenuation.derive(task, new TokenLayer(LayerKind.TOOL, "call-bench-" + now,
          task.last().id(), null, null, null, null, "tool:read", now, now + 60,
          task.last().repos(), Map.of("read", ToolRights.inherited())));
    }

    <R> R post(String path, Object request, String presented, Class<R> answer)
        throws WireHttp.Failure {
      return WireHttp.post(vault.url(), path, vault.agentToken(), 5_000, request, answer,
          url -> PopProofs.create(key, "POST", url, presented, System.currentTimeMillis() / 1000));
    }
  }

  @Benchmark
  public LocalStatement localVerify(Workload workload) throws LocalEvidenceException {
    return LocalEvidence.verify(workload.statement, workload.trusted);
  }

  @Benchmark
  public Binding localRound(Workload workload) throws Exception {
    String task = workload.task.encode();
    return workload.post("/v1/attestations", new ReattestRequest(task, workload.evidence()), task,
        Binding.class);
  }

  @Benchmark
  public AwsCredentialsResponse exchangeWithProof(Workload workload) throws Exception {
    return exchange(workload);
  }

  static AwsCredentialsResponse exchange(Workload workload) throws Exception {
    if (workload.toolCall.last().expiresAt() - System.currentTimeMillis() / 1000 < 20) {
      workload.toolCall = workload.toolCall();
    }
    String token = workload.toolCall.encode();
    return workload.post("/v1/aws/credentials", new AwsCredentialsRequest(token, 900), token,
        AwsCredentialsResponse.class);
  }

}
