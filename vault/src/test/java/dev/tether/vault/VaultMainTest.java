package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireHttp;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultMainTest {

  private static final String AGENT_TOKEN = "a".repeat(32);
  private static final String ORCHESTRATOR_TOKEN = "o".repeat(32);
  private static final Map<String, String> BOTH_TOKENS =
      Map.of("TETHER_VAULT_TOKEN", AGENT_TOKEN, "TETHER_ORCHESTRATOR_TOKEN", ORCHESTRATOR_TOKEN);
  private static final String CATALOGUE_JSON =
      "{\"tools\": {"
          + "\"read_file\": {\"aws\": {\"actions\": [\"s3:GetObject\"],"
          + " \"resources\": [\"arn:aws:s3:::work/${task.id}/*\"]}},"
          + "\"list_bucket\": {\"aws\": {\"actions\": [\"s3:ListBucket\"],"
          + " \"resources\": [\"arn:aws:s3:::work\"]}}}}";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run(Map.of(), "help")).isZero();
    assertThat(out())
        .startsWith("Usage: java -jar tether-vault.jar serve")
        .contains("java -jar tether-vault.jar grant --task ID")
        .contains("--tools-file")
        .contains("--orchestrator-token-file")
        .contains("TETHER_ORCHESTRATOR_TOKEN")
        .contains("TETHER_TASK_GRANT");
    assertThat(err()).isEmpty();

    for (String[] args :
        List.of(
            new String[] {"--help"}, new String[] {"serve", "--help"},
            new String[] {"grant", "-h"}, new String[] {"grant", "--task", "t", "--help"})) {
      out.reset();
      assertThat(run(Map.of(), args)).as(String.join(" ", args)).isZero();
      assertThat(out()).startsWith("Usage:");
    }
  }

  @Test
  void serveUsageErrorsExitWithTwoAndExplainOnStderr(@TempDir Path dir) throws Exception {
    assertUsageError(Map.of(), "no command given");
    assertUsageError(Map.of(), "unknown command 'start'; use serve, grant, attest, keys or load", "start");
    assertUsageError(BOTH_TOKENS, "unknown option '--verbose'", "serve", "--verbose");
    assertUsageError(BOTH_TOKENS, "unexpected argument 'now'", "serve", "now");
    assertUsageError(BOTH_TOKENS, "--port needs a value", "serve", "--port");
    assertUsageError(BOTH_TOKENS, "--port is given twice", "serve", "--port", "1", "--port=2");
    assertUsageError(BOTH_TOKENS, "whole number", "serve", "--port", "http");
    assertUsageError(BOTH_TOKENS, "local or aws", "serve", "--mode=cloud");
    assertUsageError(BOTH_TOKENS, "900 to 3600", "serve", "--session-duration", "60");
    assertUsageError(BOTH_TOKENS, "required in AWS mode", "serve", "--mode", "aws");
    assertUsageError(BOTH_TOKENS, "--attestation is required in aws mode", "serve", "--mode",
        "aws", "--role-arn", VaultSettings.LOCAL_ROLE_ARN);
    assertUsageError(BOTH_TOKENS, "unknown attestation kind 'tpm'", "serve", "--attestation",
        "local,tpm");
    assertUsageError(BOTH_TOKENS, "--ec2-account 123456789012", "serve", "--attestation",
        "ec2-iid");
    assertUsageError(BOTH_TOKENS, "network pins", "serve", "--attestation", "network");
    assertUsageError(BOTH_TOKENS, "'vpce-oops' is not a VPC endpoint id", "serve",
        "--attestation", "network", "--network-pin", "aws:SourceVpce=vpce-oops");
    assertUsageError(BOTH_TOKENS, "'vpc-0abc1234' is not a VPC endpoint id", "serve",
        "--attestation", "network", "--network-pin", "aws:SourceVpce=vpc-0abc1234");
    assertUsageError(BOTH_TOKENS, "network pin key 'aws:SourceIp' is not supported", "serve",
        "--network-pin", "aws:SourceIp=vpc-0abc1234");
    assertUsageError(BOTH_TOKENS, "--nonce-ttl must be a duration", "serve", "--nonce-ttl",
        "soon");
    assertUsageError(BOTH_TOKENS, "use 5 s to 5 min", "serve", "--nonce-ttl", "1h");
    assertUsageError(BOTH_TOKENS, "--nitro-debug takes allow or refuse", "serve",
        "--nitro-debug", "yes");
    assertUsageError(BOTH_TOKENS, "PCR3 is 2 bytes", "serve", "--attestation", "nitro",
        "--nitro-pcr", "3=abcd");
    assertUsageError(BOTH_TOKENS, "--nitro-tpm allow needs the NitroTPM PCRs", "serve",
        "--attestation", "nitro", "--nitro-tpm", "allow");
    assertUsageError(BOTH_TOKENS, "cannot be read", "serve", "--local-attestor-key",
        dir.resolve("missing.pub").toString());
    assertUsageError(BOTH_TOKENS, "GitHub App file " + dir.resolve("missing.json"), "serve",
        "--github-app", dir.resolve("missing.json").toString());
    Path noKey = Files.writeString(dir.resolve("app.json"),
        "{\"app_id\": 1, \"private_key_file\": \"nope.pem\"}");
    assertUsageError(BOTH_TOKENS, "GitHub App file " + noKey, "serve", "--github-app",
        noKey.toString());
    Path notAKey = Files.writeString(dir.resolve("bad.pub"), "hello");
    assertUsageError(BOTH_TOKENS, "expected a PEM block", "serve", "--local-attestor-key",
        notAKey.toString());
    assertUsageError(
        Map.of("TETHER_ORCHESTRATOR_TOKEN", ORCHESTRATOR_TOKEN),
        "set TETHER_VAULT_TOKEN or give --token-file",
        "serve");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", AGENT_TOKEN),
        "no way to hand the orchestrator token to the orchestrator: set"
            + " TETHER_ORCHESTRATOR_TOKEN or give --orchestrator-token-file",
        "serve");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "short", "TETHER_ORCHESTRATOR_TOKEN", ORCHESTRATOR_TOKEN),
        "agentToken is too short",
        "serve");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", AGENT_TOKEN, "TETHER_ORCHESTRATOR_TOKEN", "short"),
        "orchestratorToken is too short",
        "serve");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", AGENT_TOKEN, "TETHER_ORCHESTRATOR_TOKEN", AGENT_TOKEN),
        "orchestratorToken must differ from agentToken",
        "serve");
    Path tokens = dir.resolve("tokens");
    assertUsageError(
        Map.of(),
        "--token-file and --orchestrator-token-file name the same file",
        "serve",
        "--token-file",
        tokens.toString(),
        "--orchestrator-token-file",
        dir.resolve(".").resolve("tokens").toString());

    Path missing = dir.resolve("missing.json");
    assertUsageError(
        BOTH_TOKENS,
        "cannot read the tool catalogue " + missing + " (NoSuchFileException",
        "serve",
        "--tools-file",
        missing.toString());
    Path notJson = Files.writeString(dir.resolve("tools.json"), "{\"tools\": ");
    assertUsageError(
        BOTH_TOKENS, "the tool catalogue " + notJson + " is not JSON", "serve",
        "--tools-file=" + notJson);
    Path wideTool =
        Files.writeString(
            dir.resolve("wide.json"),
            "{\"tools\": {\"admin\": {\"aws\": {\"actions\": [\"*\"], \"resources\": [\"*\"]}}}}");
    assertUsageError(
        BOTH_TOKENS, "tool 'admin': AWS action '*' is too broad", "serve", "--tools-file",
        wideTool.toString());
  }

  @Test
  void grantUsageErrorsExitWithTwoAndExplainOnStderr(@TempDir Path dir) throws Exception {
    Map<String, String> env =
        Map.of(
            "TETHER_VAULT_URL", "http://127.0.0.1:1",
            "TETHER_ORCHESTRATOR_TOKEN", ORCHESTRATOR_TOKEN);
    String[] complete = {"grant", "--task", "t-1", "--user", "alice", "--repo", "acme/app",
        "--tools", "read_file"};

    assertUsageError(env, "missing --task", "grant", "--user", "alice", "--repo", "r",
        "--tools", "t");
    assertUsageError(env, "missing --user", "grant", "--task", "t", "--repo", "r", "--tools", "t");
    assertUsageError(env, "missing --repo", "grant", "--task", "t", "--user", "u", "--tools", "t");
    assertUsageError(env, "missing --tools", "grant", "--task", "t", "--user", "u", "--repo", "r");
    assertUsageError(env, "--repo 'a,,b' has an empty name", with(complete, "--repo", "a,,b"));
    assertUsageError(env, "--task is given twice", with(complete, "--task", "t-2"));
    assertUsageError(env, "unknown option '--tool'", with(complete, "--tool", "x"));
    assertUsageError(env, "--lifetime must be a whole number", with(complete, "--lifetime", "1h"));
    assertUsageError(env, "--lifetime -5 is negative", with(complete, "--lifetime", "-5"));
    assertUsageError(
        Map.of("TETHER_ORCHESTRATOR_TOKEN", ORCHESTRATOR_TOKEN),
        "no Vault to ask: give --vault URL or set TETHER_VAULT_URL",
        complete);
    assertUsageError(env, "--vault 'ftp://vault' is not an http(s) URL",
        with(complete, "--vault", "ftp://vault"));
    assertUsageError(
        Map.of("TETHER_VAULT_URL", "127.0.0.1:8200", "TETHER_ORCHESTRATOR_TOKEN",
            ORCHESTRATOR_TOKEN),
        "TETHER_VAULT_URL '127.0.0.1:8200' is not an http(s) URL",
        complete);
    assertUsageError(
        Map.of("TETHER_VAULT_URL", "http://127.0.0.1:1"),
        "no orchestrator token: set TETHER_ORCHESTRATOR_TOKEN or give --orchestrator-token-file",
        complete);
    Path missing = dir.resolve("orchestrator.token");
    assertUsageError(
        env,
        "cannot read the orchestrator token file " + missing + " (NoSuchFileException)",
        with(complete, "--orchestrator-token-file", missing.toString()));
    Path empty = Files.writeString(dir.resolve("empty.token"), "\n");
    assertUsageError(
        env,
        "the orchestrator token file " + empty + " is empty",
        with(complete, "--orchestrator-token-file", empty.toString()));
  }

  @Test
  void grantPrintsAGrantTheAgentCanRedeemOnce() throws Exception {
    try (TetherVault vault = TetherVault.start(TokenFlow.settings())) {
      Map<String, String> env =
          Map.of(
              "TETHER_VAULT_URL", vault.url() + "/",
              "TETHER_ORCHESTRATOR_TOKEN", vault.orchestratorToken());

      int code =
          run(env, "grant", "--task", "t-7", "--user", "alice", "--repo", "acme/app",
              "--repo=acme/lib,acme/docs", "--tools", "read_file,list_bucket", "--lifetime",
              "600");

      assertThat(code).as(err()).isZero();
      assertThat(err()).isEmpty();
      assertThat(out()).endsWith("\n").hasLineCount(1);
      String grant = out().strip();
      TokenLayer layer = LayeredToken.parse(grant).grant();
      assertThat(layer.issuer()).isEqualTo(vault.issuer());
      assertThat(layer.taskId()).isEqualTo("t-7");
      assertThat(layer.userId()).isEqualTo("alice");
      assertThat(layer.repos()).containsExactly("acme/app", "acme/lib", "acme/docs");
      assertThat(layer.tools()).containsOnlyKeys("read_file", "list_bucket");
      assertThat(layer.expiresAt() - layer.issuedAt()).isEqualTo(600);

      TokenFlow flow = new TokenFlow(vault);
      IssuedToken task = flow.redeem(grant);
      assertThat(task.taskId()).isEqualTo("t-7");
      WireHttp.Failure again = catchThrowableOfType(WireHttp.Failure.class, () -> flow.redeem(grant));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.code()).isEqualTo(VaultError.GRANT_REDEEMED);
    }
  }

  @Test
  void grantWritesTheGrantToAMode600FileAndPrintsOnlyItsIdAndExpiry(@TempDir Path dir)
      throws Exception {
    try (TetherVault vault = TetherVault.start(TokenFlow.settings())) {
      Path tokenFile = Files.writeString(dir.resolve("orchestrator.token"),
          vault.orchestratorToken() + "\n");
      Path grantFile = dir.resolve("grant");

      int code =
          run(Map.of("TETHER_ORCHESTRATOR_TOKEN", "ignored-when-a-file-is-given"), "grant",
              "--task", "t-8", "--user", "bob", "--repo", "acme/app", "--tools", "read_file",
              "--vault", vault.url().toString(), "--orchestrator-token-file",
              tokenFile.toString(), "--out", grantFile.toString());

      assertThat(code).as(err()).isZero();
      String grant = Files.readString(grantFile).strip();
      String grantId = LayeredToken.parse(grant).grant().id();
      assertThat(Files.getPosixFilePermissions(grantFile))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      assertThat(out())
          .matches(
              "grant " + grantId + " for task t-8 expires \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z;"
                  + " written to " + grantFile + " \\(mode 600\\)\n")
          .doesNotContain(grant.substring(grant.lastIndexOf('.') + 1));
      assertThat(new TokenFlow(vault).redeem(grant).taskId()).isEqualTo("t-8");
    }
  }

  @Test
  void grantReportsWhatTheVaultRefusedOnOneLineAndExitsWithOne() throws Exception {
    URI closed;
    try (TetherVault gone = TetherVault.start(TokenFlow.settings())) {
      closed = gone.url();
    }
    try (TetherVault vault = TetherVault.start(TokenFlow.settings())) {
      Map<String, String> env = new HashMap<>();
      env.put("TETHER_VAULT_URL", vault.url().toString());
      env.put("TETHER_ORCHESTRATOR_TOKEN", vault.orchestratorToken());
      String[] grant = {"grant", "--task", "t-1", "--user", "alice", "--repo", "acme/app"};

      assertFailure(env, "unknown tool 'deploy'; the Vault's catalogue has [read_file,"
          + " search.files, list_bucket, noop, huge_policy]", with(grant, "--tools", "deploy"));
      assertFailure(env, "lifetime_seconds 59 is out of range; ask for 60 to 86400",
          with(grant, "--tools", "read_file", "--lifetime", "59"));
      assertFailure(env, "(HTTP 400): invalid_request: the grant layer's task id must be",
          "grant", "--task", "t 1", "--user", "alice", "--repo", "acme/app", "--tools", "noop");

      env.put("TETHER_ORCHESTRATOR_TOKEN", vault.agentToken());
      assertFailure(env, "the Vault at " + vault.url() + " refused the orchestrator token (HTTP"
          + " 401); use the token the Vault was started with: TETHER_ORCHESTRATOR_TOKEN",
          with(grant, "--tools", "read_file"));
      assertThat(err()).doesNotContain(vault.agentToken());

      env.put("TETHER_VAULT_URL", closed.toString());
      assertFailure(env, "the Vault at " + closed + " is unreachable (ConnectException",
          with(grant, "--tools", "read_file"));
      assertThat(err()).contains("; check --vault (or TETHER_VAULT_URL) and that the Vault is"
          + " running");
    }
  }

  @Test
  void servesInItsOwnProcessAndHandsTheTokensOverOnlyThroughTheFiles(@TempDir Path dir)
      throws Exception {
    Path tokenFile = dir.resolve("agent.token");
    Path orchestratorTokenFile = dir.resolve("orchestrator.token");
    Path toolsFile = Files.writeString(dir.resolve("tools.json"), CATALOGUE_JSON);
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            VaultMain.class.getName(),
            "serve",
            "--port",
            "0",
            "--tools-file",
            toolsFile.toString(),
            "--token-file",
            tokenFile.toString(),
            "--orchestrator-token-file",
            orchestratorTokenFile.toString(),
            "--local-attestor-key",
            Files.writeString(dir.resolve("launcher.pub"), TestLauncher.KEY.publicKeyPem())
                .toString());
    builder.environment().remove("TETHER_VAULT_TOKEN");
    builder.environment().remove("TETHER_ORCHESTRATOR_TOKEN");
    Path stderr = dir.resolve("stderr.txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try (output) {
      String line = output.readLine();
      assertThat(line)
          .matches("Tether Vault \\(local mode\\) listening on http://127\\.0\\.0\\.1:\\d+");
      URI url = URI.create(line.substring(line.lastIndexOf(' ') + 1));

      String agentToken = Files.readString(tokenFile).strip();
      String orchestratorToken = Files.readString(orchestratorTokenFile).strip();
      assertThat(agentToken).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(orchestratorToken);
      assertThat(orchestratorToken).hasSizeGreaterThanOrEqualTo(43);
      assertThat(line).doesNotContain(agentToken).doesNotContain(orchestratorToken);
      for (Path file : List.of(tokenFile, orchestratorTokenFile)) {
        assertThat(Files.getPosixFilePermissions(file))
            .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      }

      // The orchestrator's side, with this command line; the agent's side, over HTTP.
      assertThat(
              run(Map.of(), "grant", "--vault", url.toString(), "--orchestrator-token-file",
                  orchestratorTokenFile.toString(), "--task", "task-1", "--user", "alice",
                  "--repo", "github.com/acme/app", "--tools", "read_file"))
          .as(err())
          .isZero();
      IssuedToken task =
          WireHttp.post(url, "/v1/tasks", agentToken, 10_000,
              new RedeemRequest(out().strip(), "runtime-1",
                  TestLauncher.evidence(url, agentToken)), IssuedToken.class,
              u -> WorkloadProofs.proof(u, out().strip()));
      LayeredToken call =
          TokenFlow.toolCall(LayeredToken.parse(task.token()), "read_file", "call-1");
      VaultHttp http = new VaultHttp(url);
      HttpResponse<String> issued =
          http.postCredentials(
              agentToken, new dev.tether.core.wire.AwsCredentialsRequest(call.encode(), 0));
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      JsonNode issuances = VaultHttp.json(http.get("/v1/issuances", agentToken));
      assertThat(issuances).hasSize(1);
      assertThat(issuances.get(0).get("policy_json").asText())
          .contains("arn:aws:s3:::work/task-1/*");
    } finally {
      process.destroy();
      process.waitFor();
    }
    assertThat(process.exitValue()).as("stopped by SIGTERM").isEqualTo(143);
    assertThat(Files.readString(stderr)).as("stderr").isEmpty();
  }

  private void assertUsageError(Map<String, String> env, String messagePart, String... args) {
    out.reset();
    err.reset();
    assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(2);
    assertThat(err()).startsWith("tether-vault: ").contains(messagePart).contains("Usage:");
    assertThat(out()).isEmpty();
  }

  private void assertFailure(Map<String, String> env, String messagePart, String... args) {
    out.reset();
    err.reset();
    assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(1);
    assertThat(err()).startsWith("tether-vault: ").contains(messagePart).hasLineCount(1);
    assertThat(out()).isEmpty();
  }

  private static String[] with(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return VaultMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
