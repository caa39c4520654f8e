package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.wire.AwsCredentialsRequest;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run(Map.of(), "help")).isZero();
    assertThat(out())
        .startsWith("Usage: java -jar tether-vault.jar serve")
        .contains("--token-file");
    assertThat(err()).isEmpty();

    out.reset();
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out()).startsWith("Usage:");
    out.reset();
    assertThat(run(Map.of(), "serve", "--help")).isZero();
    assertThat(out()).startsWith("Usage:");
  }

  @Test
  void usageErrorsExitWithTwoAndExplainOnStderr() {
    assertUsageError(Map.of(), "no command given");
    assertUsageError(Map.of(), "unknown command 'start'", "start");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "t".repeat(32)),
        "unknown option '--verbose'",
        "serve",
        "--verbose");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "t".repeat(32)), "--port needs a value", "serve", "--port");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "t".repeat(32)), "whole number", "serve", "--port", "http");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "t".repeat(32)), "local or aws", "serve", "--mode=cloud");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "t".repeat(32)),
        "900 to 3600",
        "serve",
        "--session-duration",
        "60");
    assertUsageError(
        Map.of("TETHER_VAULT_TOKEN", "t".repeat(32)),
        "required in AWS mode",
        "serve",
        "--mode",
        "aws");
    assertUsageError(Map.of(), "set TETHER_VAULT_TOKEN or give --token-file", "serve");
    assertUsageError(Map.of("TETHER_VAULT_TOKEN", "short"), "too short", "serve");
  }

  @Test
  void servesInItsOwnProcessAndHandsTheTokenOverOnlyThroughTheFile(@TempDir Path dir)
      throws Exception {
    Path tokenFile = dir.resolve("vault.token");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            VaultMain.class.getName(),
            "serve",
            "--port",
            "0",
            "--token-file",
            tokenFile.toString());
    builder.environment().remove("TETHER_VAULT_TOKEN");
    Path stderr = dir.resolve("stderr.txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String token;
    try (output) {
      String line = output.readLine();
      assertThat(line)
          .matches("Tether Vault \\(local mode\\) listening on http://127\\.0\\.0\\.1:\\d+");
      URI url = URI.create(line.substring(line.lastIndexOf(' ') + 1));

      token = Files.readString(tokenFile).strip();
      assertThat(token).hasSizeGreaterThanOrEqualTo(43);
      assertThat(line).doesNotContain(token);
      assertThat(Files.getPosixFilePermissions(tokenFile))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

      VaultHttp http = new VaultHttp(url);
      assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
      HttpResponse<String> issued =
          http.postCredentials(
              token,
              new AwsCredentialsRequest(
                  "task-1",
                  "alice",
                  "github.com/acme/app",
                  "read_file",
                  "call-1",
                  null,
                  List.of("s3:GetObject"),
                  List.of("arn:aws:s3:::work/*"),
                  0));
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      JsonNode issuances = VaultHttp.json(http.get("/v1/issuances", token));
      assertThat(issuances).hasSize(1);
    } finally {
      process.destroy();
      process.waitFor();
    }
    assertThat(process.exitValue()).as("stopped by SIGTERM").isEqualTo(143);
    assertThat(Files.readString(stderr)).as("stderr").isEmpty();
    assertThat(token).isNotBlank();
  }

  private void assertUsageError(Map<String, String> env, String messagePart, String... args) {
    out.reset();
    err.reset();
    assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(2);
    assertThat(err()).startsWith("tether-vault: ").contains(messagePart).contains("Usage:");
    assertThat(out()).isEmpty();
  }

  private int run(Map<String, String> env, String... args) {
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
