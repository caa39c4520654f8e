package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.vault.internal.sts.RootCredential;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS mode is the same exchange pointed at another STS with the SDK's default credentials. Here the
 * "remote" STS is a second Vault's local STS, and the default chain finds its root key in the
 * {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties.
 */
class AwsModeTest {

  @Test
  void obtainsSessionsFromAnotherStsWithTheDefaultCredentialChain() {
    try (TetherVault remoteSts = TetherVault.start(VaultSettings.localDefaults())) {
      RootCredential root = remoteSts.localRootCredential();
      AwsCredentialsRequest request =
          new AwsCredentialsRequest(
              "task-9",
              "carol",
              "github.com/acme/app",
              "list_bucket",
              "call-77",
              "turn-1",
              List.of("s3:ListBucket"),
              List.of("arn:aws:s3:::work"),
              0);

      HttpResponse<String> response;
      String keyId = System.setProperty("aws.accessKeyId", root.accessKeyId());
      String secret = System.setProperty("aws.secretAccessKey", root.secretAccessKey());
      try (TetherVault vault =
          TetherVault.start(
              new VaultSettings(
                  null,
                  0,
                  VaultSettings.Mode.AWS,
                  URI.create(remoteSts.url() + "/sts"),
                  VaultSettings.LOCAL_ROLE_ARN,
                  null,
                  null))) {
        response = new VaultHttp(vault.url()).postCredentials(vault.agentToken(), request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode credentials = VaultHttp.json(response);
        String accessKeyId = credentials.get("access_key_id").asText();
        assertThat(vault.issuances())
            .singleElement()
            .satisfies(i -> assertThat(i.accessKeyId()).isEqualTo(accessKeyId));
        assertThat(vault.localSession(accessKeyId))
            .as("an AWS-mode Vault keeps no sessions")
            .isEmpty();
        assertThat(remoteSts.localSession(accessKeyId).orElseThrow().tags())
            .containsEntry("task_id", "task-9")
            .containsEntry("tool", "list_bucket");
      } finally {
        restore("aws.accessKeyId", keyId);
        restore("aws.secretAccessKey", secret);
      }
    }
  }

  @Test
  void reportsAnStsRefusalAs502AndRecordsNothing() {
    try (TetherVault remoteSts = TetherVault.start(VaultSettings.localDefaults())) {
      String keyId = System.setProperty("aws.accessKeyId", "AKIANOTKNOWNTOTHESTS");
      String secret =
          System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
      try (TetherVault vault =
          TetherVault.start(
              new VaultSettings(
                  null,
                  0,
                  VaultSettings.Mode.AWS,
                  URI.create(remoteSts.url() + "/sts"),
                  VaultSettings.LOCAL_ROLE_ARN,
                  null,
                  null))) {
        HttpResponse<String> response =
            new VaultHttp(vault.url())
                .postCredentials(
                    vault.agentToken(),
                    new AwsCredentialsRequest(
                        "task-9",
                        "carol",
                        "repo",
                        "list_bucket",
                        "call-77",
                        null,
                        List.of("s3:ListBucket"),
                        List.of("arn:aws:s3:::work"),
                        0));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = VaultHttp.json(response);
        assertThat(error.get("error").asText()).isEqualTo("sts_failed");
        assertThat(error.get("message").asText())
            .contains("InvalidClientTokenId")
            .contains("HTTP 403");
        assertThat(vault.issuances()).isEmpty();
      } finally {
        restore("aws.accessKeyId", keyId);
        restore("aws.secretAccessKey", secret);
      }
    }
  }

  @Test
  void reportsAnUnreachableStsAs502() {
    URI closed;
    try (TetherVault gone = TetherVault.start(VaultSettings.localDefaults())) {
      closed = URI.create(gone.url() + "/sts");
    }
    String keyId = System.setProperty("aws.accessKeyId", "AKIANOTKNOWNTOTHESTS");
    String secret =
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    try (TetherVault vault =
        TetherVault.start(
            new VaultSettings(
                null,
                0,
                VaultSettings.Mode.AWS,
                closed,
                VaultSettings.LOCAL_ROLE_ARN,
                null,
                null))) {
      HttpResponse<String> response =
          new VaultHttp(vault.url())
              .postCredentials(
                  vault.agentToken(),
                  new AwsCredentialsRequest(
                      "task-9",
                      "carol",
                      "repo",
                      "list_bucket",
                      "call-77",
                      null,
                      List.of("s3:ListBucket"),
                      List.of("arn:aws:s3:::work"),
                      0));

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(VaultHttp.json(response).get("message").asText())
          .startsWith("could not reach STS at " + closed);
      assertThat(vault.issuances()).isEmpty();
    } finally {
      restore("aws.accessKeyId", keyId);
      restore("aws.secretAccessKey", secret);
    }
  }

  private static void restore(String name, String previous) {
    if (previous == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, previous);
    }
  }
}
