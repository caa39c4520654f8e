package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.state.RedisServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --store} and {@code --key-file}, the {@code keys} command that makes the key file,
 * and {@link StoreLocation}'s reading of store URLs: every mistake named, no secret shown.
 */
class StoreCommandsTest {

  private static final Map<String, String> TOKENS = Map.of(
      "TETHER_VAULT_TOKEN", "a".repeat(32),
      "TETHER_ORCHESTRATOR_TOKEN", "o".repeat(32),
      "TETHER_RESOURCE_SERVER_TOKEN", "r".repeat(32));

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void storeUrlsAreReadStrictlyAndShownWithoutCredentials() {
    assertThat(StoreLocation.parse("memory")).isEqualTo(StoreLocation.memory());
    assertThat(StoreLocation.parse("redis://10.0.0.5:6380/3").toString())
        .isEqualTo("redis://10.0.0.5:6380/3");
    assertThat(StoreLocation.parse("redis://cache.internal").toString())
        .isEqualTo("redis://cache.internal:6379/0");
    assertThat(StoreLocation.parse("redis://[::1]:7000/").toString())
        .isEqualTo("redis://[::1]:7000/0");
    assertThat(StoreLocation.parse("redis://h:1").withCredentials("vault", "s3cret").toString())
        .isEqualTo("redis://h:1/0");

    assertThatThrownBy(() -> StoreLocation.parse("postgres://db:5432"))
        .hasMessageContaining("neither memory nor a redis:// URL")
        .hasMessageContaining("redis://HOST:PORT[/DB]");
    assertThatThrownBy(() -> StoreLocation.parse("redis://h:70000"))
        .hasMessageContaining("port 70000 is out of range");
    assertThatThrownBy(() -> StoreLocation.parse("redis://h:6379/16"))
        .hasMessageContaining("database 16 is out of range; use 0 to 15");
    assertThatThrownBy(() -> StoreLocation.parse("redis://h:6379/zero"))
        .hasMessageContaining("the path must be a database number");
    assertThatThrownBy(() -> StoreLocation.parse("redis://:hunter2@h:6379"))
        .hasMessageContaining("must not carry a user or password")
        .hasMessageContaining("TETHER_REDIS_PASSWORD")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> StoreLocation.parse("redis://u:hunter 2@h"))
        .hasMessageNotContaining("hunter");
    assertThatThrownBy(() -> StoreLocation.parse("rediss://h:6379"))
        .hasMessageContaining("TLS to Redis (rediss://) is not supported yet");
    assertThatThrownBy(() -> StoreLocation.parse(" ")).hasMessageContaining("blank");
  }

  @Test
  void settingsRefuseASharedStoreWithoutKeysAndAResourceServerTokenLikeAnother() {
    assertThatThrownBy(() -> TetherVault.start(VaultSettings.localDefaults()
        .withStore(StoreLocation.parse("redis://127.0.0.1:1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a shared store (redis://127.0.0.1:1/0) needs shared keys");
    assertThatThrownBy(() -> VaultSettings.localDefaults().withResourceServerToken("short"))
        .hasMessageContaining("resourceServerToken is too short");
    assertThatThrownBy(() -> VaultSettings.localDefaults().withAgentToken("x".repeat(20))
        .withResourceServerToken("x".repeat(20)))
        .hasMessageContaining("resourceServerToken must differ from the agent and orchestrator");
    VaultSettings shared = VaultSettings.localDefaults()
        .withStore(StoreLocation.parse("redis://10.0.0.5:6379/2").withCredentials(null, "pw-1"))
        .withResourceServerToken("r".repeat(20));
    assertThat(shared.toString()).contains("store=redis://10.0.0.5:6379/2")
        .contains("resourceServerToken=<redacted>").doesNotContain("pw-1")
        .doesNotContain("r".repeat(20));
  }

  @Test
  void serveRefusesAStoreItCannotUseWithExitTwoAndSaysWhatToGive(@TempDir Path dir)
      throws Exception {
    Path keyFile = dir.resolve("vault.keys");
    assertThat(run(Map.of(), "keys", "generate", "--out", keyFile.toString())).isZero();

    assertUsageError(TOKENS, "--store: store 'mysql://db' is neither memory nor a redis:// URL",
        "serve", "--store", "mysql://db");
    assertUsageError(TOKENS, "--store: store URL must not carry a user or password",
        "serve", "--store", "redis://:pw-in-url@h:6379");
    assertThat(err()).doesNotContain("pw-in-url");
    Map<String, String> noResourceServerToken = new HashMap<>(TOKENS);
    noResourceServerToken.remove("TETHER_RESOURCE_SERVER_TOKEN");
    assertUsageError(noResourceServerToken, "every replica must accept the same resource-server"
        + " token: set TETHER_RESOURCE_SERVER_TOKEN", "serve", "--store", "redis://h:6379");
    assertUsageError(TOKENS, "replicas must MAC tokens with the same keys: give --key-file FILE",
        "serve", "--store", "redis://h:6379");
    assertUsageError(TOKENS, "key file " + dir.resolve("missing.keys") + " does not exist; make"
        + " one with 'tether-vault keys generate", "serve", "--store", "redis://h:6379",
        "--key-file", dir.resolve("missing.keys").toString());
    Map<String, String> userWithoutPassword = new HashMap<>(TOKENS);
    userWithoutPassword.put("TETHER_REDIS_USER", "vault");
    assertUsageError(userWithoutPassword, "TETHER_REDIS_USER is set but TETHER_REDIS_PASSWORD is"
        + " not", "serve", "--store", "redis://h:6379", "--key-file", keyFile.toString());
  }

  @Test
  void serveFailsWithExitOneWhenRedisDoesNotAnswer(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("vault.keys");
    assertThat(run(Map.of(), "keys", "generate", "--out", keyFile.toString())).isZero();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThat(run(TOKENS, "serve", "--store", "redis://127.0.0.1:" + closedPort, "--key-file",
        keyFile.toString())).isEqualTo(1);
    assertThat(err()).startsWith("tether-vault: cannot start the Vault: its state store"
        + " redis://127.0.0.1:" + closedPort + "/0 is unavailable (cannot reach it")
        .contains("); check --store and that Redis is up");
  }

  @Test
  void theKeysCommandMakesAndRotatesTheKeyFileWithoutPrintingASecret(@TempDir Path dir)
      throws Exception {
    Path keyFile = dir.resolve("vault.keys");

    assertThat(run(Map.of(), "keys", "generate", "--out", keyFile.toString(), "--issuer",
        "tether-vault/prod")).isZero();
    assertThat(out()).contains("wrote key file " + keyFile + " (mode 600) for issuer"
        + " tether-vault/prod with key k1, current");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Files.readString(keyFile));
    assertThat(file.get("issuer").asText()).isEqualTo("tether-vault/prod");
    assertThat(out()).doesNotContain(file.get("keys").get("k1").asText());

    assertThat(run(Map.of(), "keys", "generate", "--out", keyFile.toString())).isEqualTo(1);
    assertThat(err()).contains("exists already");

    assertThat(run(Map.of(), "keys", "add", "--key-file", keyFile.toString())).isZero();
    assertThat(out()).contains("added key k2").contains("verify-only");
    IssuerKeys added = VaultKeys.read(keyFile);
    assertThat(added.describe()).isEqualTo(Map.of("k1", "current", "k2", "verify only"));

    assertThat(run(Map.of(), "keys", "use", "--key-file", keyFile.toString(), "--key-id", "k2"))
        .isZero();
    IssuerKeys rotated = VaultKeys.read(keyFile);
    assertThat(rotated.currentKeyId()).isEqualTo("k2");
    assertThat(rotated.issuer()).isEqualTo("tether-vault/prod");
    assertThat(run(Map.of(), "keys", "use", "--key-file", keyFile.toString(), "--key-id", "k9"))
        .isEqualTo(1);
    assertThat(err()).contains("has no key 'k9'; it has [k1, k2]");

    Files.writeString(keyFile, "{\"issuer\":\"x\",\"current\":\"k1\",\"keys\":{\"k1\":\"c2hvcnQ\"}}");
    assertThatThrownBy(() -> VaultKeys.read(keyFile))
        .hasMessageContaining("key k1 has 5 bytes; a root key needs at least 32 random bytes")
        .hasMessageNotContaining("c2hvcnQ");
  }

  @Test
  void twoServeProcessesShareOneRedisAndOneKeyFile(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("vault.keys");
    assertThat(run(Map.of(), "keys", "generate", "--out", keyFile.toString())).isZero();
    Path launcher = Files.writeString(dir.resolve("launcher.pub"),
        TestLauncher.KEY.publicKeyPem());
    try (RedisServer redis = RedisServer.start()) {
      Process first = serve(redis, keyFile, launcher, dir.resolve("first.err"));
      Process second = serve(redis, keyFile, launcher, dir.resolve("second.err"));
      try {
        URI one = listening(first);
        URI two = listening(second);
        VaultHttp http = new VaultHttp(one);
        JsonNode health = VaultHttp.json(http.get("/healthz", null));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("store").asText()).isEqualTo(redis.location().toString());

        // A nonce from the first process is good at the second.
        String agentToken = TOKENS.get("TETHER_VAULT_TOKEN");
        String nonce = TestLauncher.nonce(one, agentToken, "local").nonce();
        assertThat(Files.readString(dir.resolve("first.err"))).isEmpty();
        dev.tether.core.wire.Evidence evidence = new dev.tether.core.wire.Evidence("local", nonce,
            TestLauncher.ATTESTOR.evidence(TestLauncher.ATTESTOR.ticket(), nonce,
                WorkloadProofs.KEY.thumbprint(), System.currentTimeMillis() / 1000));
        String grant = new OrchestratorClient(two, TOKENS.get("TETHER_ORCHESTRATOR_TOKEN"), 10_000)
            .grant(new dev.tether.core.wire.GrantRequest("t-1", "alice",
                java.util.List.of("acme/app"), java.util.List.of("read_file"), 0)).token();
        dev.tether.core.wire.IssuedToken task = dev.tether.core.wire.WireHttp.post(two,
            "/v1/tasks", agentToken, 10_000,
            new dev.tether.core.wire.RedeemRequest(grant, "runtime-1", evidence),
            dev.tether.core.wire.IssuedToken.class, url -> WorkloadProofs.proof(url, grant));
        assertThat(task.binding()).isNotNull();
      } finally {
        first.destroy();
        second.destroy();
        first.waitFor();
        second.waitFor();
      }
    }
  }

  // --- helpers ---

  private static Process serve(RedisServer redis, Path keyFile, Path launcher, Path stderr)
      throws Exception {
    Path tools = Files.writeString(stderr.resolveSibling("tools-" + stderr.getFileName()),
        "{\"tools\": {\"read_file\": {\"aws\": {\"actions\": [\"s3:GetObject\"],"
            + " \"resources\": [\"arn:aws:s3:::work/${task.id}/*\"]}}}}");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), VaultMain.class.getName(), "serve",
        "--store", redis.location().toString(), "--key-file", keyFile.toString(),
        "--tools-file", tools.toString(), "--local-attestor-key", launcher.toString());
    builder.environment().putAll(TOKENS);
    builder.redirectError(stderr.toFile());
    return builder.start();
  }

  private static URI listening(Process process) throws Exception {
    BufferedReader output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    assertThat(line).matches("Tether Vault \\(local mode, store redis://127\\.0\\.0\\.1:\\d+/0\\)"
        + " listening on http://127\\.0\\.0\\.1:\\d+");
    return URI.create(line.substring(line.lastIndexOf(' ') + 1));
  }

  private void assertUsageError(Map<String, String> env, String messagePart, String... args) {
    assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(2);
    assertThat(err()).startsWith("tether-vault: ").contains(messagePart);
    assertThat(out()).isEmpty();
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return VaultMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
