package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.attest.LauncherKey;
import dev.tether.core.scope.AwsScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load} for a very short time: the report's structure and that every exchange succeeded.
 * No figure is judged: performance is measured by bench/run-vault-load.sh, never by tests.
 */
class LoadCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void apiTokenExchangesAgainstAnEmbeddedVaultAllSucceed() throws Exception {
    Path report = dir.resolve("api-token.json");
    int code = run(Map.of(), "load", "--kind", "api-token", "--warmup", "1s", "--duration", "1s",
        "--concurrency", "4", "--tasks", "3", "--json", report.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out().lines()).hasSize(1);
    assertThat(out()).startsWith("load api-token: ").contains(" exchanges/s over ")
        .contains(", 0 errors)").contains("latency ms p50 ").contains(" p99 ")
        .contains("4 clients, 3 tasks, session proofs, embedded Vault, store memory");
    JsonNode json = JSON.readTree(report.toFile());
    assertThat(json.path("kind").asText()).isEqualTo("api-token");
    assertThat(json.path("endpoint").asText()).isEqualTo("POST /v1/api-tokens");
    assertThat(json.path("concurrency").asInt()).isEqualTo(4);
    assertThat(json.path("tasks").asInt()).isEqualTo(3);
    assertOutcome(json);
  }

  @Test
  void awsExchangesForAFixedNumberOfRequestsAllSucceed() throws Exception {
    Path report = dir.resolve("aws.json");
    int code = run(Map.of(), "load", "--kind", "aws", "--warmup", "1s", "--requests", "300",
        "--concurrency", "3", "--tasks", "2", "--json", report.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out()).startsWith("load aws: ").contains("(300 exchanges, 0 errors)");
    JsonNode json = JSON.readTree(report.toFile());
    assertThat(json.path("endpoint").asText()).isEqualTo("POST /v1/aws/credentials");
    assertThat(json.path("timed").path("exchanges").asLong()).isEqualTo(300);
    assertOutcome(json);
  }

  @Test
  void signedProofsAreMeasuredWhenAskedFor() throws Exception {
    Path report = dir.resolve("signed.json");
    int code = run(Map.of(), "load", "--kind", "aws", "--warmup", "0s", "--requests", "100",
        "--concurrency", "2", "--tasks", "1", "--proofs", "signed", "--json", report.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out()).contains("(100 exchanges, 0 errors)").contains("signed proofs");
    assertThat(JSON.readTree(report.toFile()).path("proofs").asText()).isEqualTo("signed");
  }

  @Test
  void anUnknownProofModeIsAUsageError() {
    int code = run(Map.of(), "load", "--proofs", "hmac");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("--proofs must be session").contains("not 'hmac'");
  }

  @Test
  void targetsARunningVaultWithTheTokensFromTheEnvironment() throws Exception {
    Path launcherFile = dir.resolve("launcher.key");
    LauncherKey launcher = LauncherKey.loadOrCreate(launcherFile);
    VaultSettings settings = VaultSettings.localDefaults()
        .withTools(ToolCatalogue.of(Map.of("fetch", new AwsScope(
            List.of("s3:GetObject"), List.of("arn:aws:s3:::bucket/${task.id}/*")))))
        .withAttestation(AttestationPolicy.defaults().withLauncher(launcher.publicKey()));
    try (TetherVault vault = TetherVault.start(settings)) {
      Map<String, String> env = Map.of(
          VaultMain.TOKEN_ENV, vault.agentToken(),
          VaultMain.ORCHESTRATOR_TOKEN_ENV, vault.orchestratorToken());
      Path report = dir.resolve("remote.json");
      int code = run(env, "load", "--vault", vault.url().toString(), "--launcher-key",
          launcherFile.toString(), "--tool", "fetch", "--warmup", "0s", "--requests", "200",
          "--concurrency", "2", "--tasks", "1", "--json", report.toString());

      assertThat(code).as(err()).isZero();
      assertThat(out()).contains("(200 exchanges, 0 errors)")
          .contains("Vault at " + vault.url());
      JsonNode json = JSON.readTree(report.toFile());
      assertThat(json.path("warmup").path("exchanges").asLong()).isZero();
      assertOutcome(json);
    }
  }

  @Test
  void refusesCommandLinesItCannotRun() {
    assertUsageError(Map.of(), "--kind must be api-token", "load", "--kind", "grants");
    assertUsageError(Map.of(), "give --duration or --requests, not both",
        "load", "--duration", "5s", "--requests", "10");
    assertUsageError(Map.of(), "--concurrency must be 1 to 1024", "load", "--concurrency", "0");
    assertUsageError(Map.of(), "--launcher-key and --tool go with --vault",
        "load", "--tool", "fetch");
    assertUsageError(Map.of(), "--vault needs --launcher-key FILE",
        "load", "--vault", "http://127.0.0.1:1");
    assertUsageError(Map.of(), "set TETHER_VAULT_TOKEN and TETHER_ORCHESTRATOR_TOKEN",
        "load", "--vault", "http://127.0.0.1:1", "--launcher-key", "k", "--tool", "fetch");
    assertUsageError(Map.of(), "--vault must be http://HOST:PORT",
        "load", "--vault", "https://vault.example/x", "--launcher-key", "k", "--tool", "t");
    assertUsageError(Map.of(), "at most 8m", "load", "--duration", "10m");
    assertUsageError(Map.of(), "--store: ", "load", "--store", "postgres://db");
  }

  /** Every exchange succeeded, and the report has each figure, consistent with the others. */
  private static void assertOutcome(JsonNode json) {
    assertThat(json.path("error_count").asLong()).isZero();
    assertThat(json.path("errors").size()).isZero();
    JsonNode timed = json.path("timed");
    assertThat(timed.path("exchanges").asLong()).isPositive();
    assertThat(timed.path("error_count").asLong()).isZero();
    assertThat(timed.path("seconds").asDouble()).isPositive();
    assertThat(timed.path("segments").asInt()).isPositive();
    assertThat(json.path("exchanges_per_second").asDouble()).isPositive();
    JsonNode latency = json.path("latency_ms");
    assertThat(latency.path("p50").asDouble()).isPositive()
        .isLessThanOrEqualTo(latency.path("p90").asDouble());
    assertThat(latency.path("p90").asDouble()).isLessThanOrEqualTo(latency.path("p99").asDouble());
    assertThat(latency.path("p99").asDouble()).isLessThanOrEqualTo(latency.path("max").asDouble());
    assertThat(json.path("cpu_us_per_exchange").has("process")).isTrue();
    assertThat(json.path("cpu_us_per_exchange").has("clients")).isTrue();
    assertThat(json.path("client_per_request").asText()).contains("proof made before");
    assertThat(json.path("machine").path("cores").asInt()).isPositive();
    assertThat(json.path("machine").has("load_average_before")).isTrue();
  }

  private void assertUsageError(Map<String, String> env, String message, String... args) {
    out.reset();
    err.reset();
    assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(2);
    assertThat(err()).as(String.join(" ", args)).contains(message);
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return VaultMain.run(args, print(out), print(err), env);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
