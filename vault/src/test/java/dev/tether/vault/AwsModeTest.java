package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.token.LayeredToken;
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
  void obtainsSessionsFromAnotherStsWithTheDefaultCredentialChain() throws Exception {
    try (TetherVault remoteSts = TetherVault.start(VaultSettings.localDefaults())) {
      RootCredential root = remoteSts.localRootCredential();
      String keyId = System.setProperty("aws.accessKeyId", root.accessKeyId());
      String secret = System.setProperty("aws.secretAccessKey", root.secretAccessKey());
      try (TetherVault vault = TetherVault.start(awsMode(URI.create(remoteSts.url() + "/sts")))) {
        TokenFlow flow = new TokenFlow(vault);
        LayeredToken task =
            flow.task("task-9", "carol", List.of("github.com/acme/app"), "list_bucket");
        LayeredToken call =
            TokenFlow.toolCall(TokenFlow.turn(task, "turn-1", "list_bucket"), "list_bucket",
                "call-77");

        HttpResponse<String> response = flow.exchange(call, 0);

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
        assertThat(remoteSts.localSession(accessKeyId).orElseThrow().scope())
            .isEqualTo(TokenFlow.LIST_BUCKET);
        assertThat(remoteSts.issuances())
            .as("the remote STS only answered STS; the exchange was the other Vault's")
            .isEmpty();
      } finally {
        restore("aws.accessKeyId", keyId);
        restore("aws.secretAccessKey", secret);
      }
    }
  }

  @Test
  void reportsAnStsRefusalAs502AndRecordsNothing() throws Exception {
    try (TetherVault remoteSts = TetherVault.start(VaultSettings.localDefaults())) {
      String keyId = System.setProperty("aws.accessKeyId", "AKIANOTKNOWNTOTHESTS");
      String secret =
          System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
      try (TetherVault vault = TetherVault.start(awsMode(URI.create(remoteSts.url() + "/sts")))) {
        HttpResponse<String> response = exchangeOnce(vault);

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
  void reportsAnUnreachableStsAs502() throws Exception {
    URI closed;
    try (TetherVault gone = TetherVault.start(VaultSettings.localDefaults())) {
      closed = URI.create(gone.url() + "/sts");
    }
    String keyId = System.setProperty("aws.accessKeyId", "AKIANOTKNOWNTOTHESTS");
    String secret =
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    try (TetherVault vault = TetherVault.start(awsMode(closed))) {
      HttpResponse<String> response = exchangeOnce(vault);

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(VaultHttp.json(response).get("message").asText())
          .startsWith("could not reach STS at " + closed);
      assertThat(vault.issuances()).isEmpty();
    } finally {
      restore("aws.accessKeyId", keyId);
      restore("aws.secretAccessKey", secret);
    }
  }

  private static VaultSettings awsMode(URI sts) {
    return new VaultSettings(
            null, 0, VaultSettings.Mode.AWS, sts, VaultSettings.LOCAL_ROLE_ARN, null, null)
        .withTools(TokenFlow.CATALOGUE)
        .withAttestation(TestLauncher.policy());
  }

  private static HttpResponse<String> exchangeOnce(TetherVault vault) throws Exception {
    TokenFlow flow = new TokenFlow(vault);
    LayeredToken task = flow.task("task-9", "carol", List.of("repo"), "list_bucket");
    return flow.exchange(TokenFlow.toolCall(task, "list_bucket", "call-77"), 0);
  }

  private static void restore(String name, String previous) {
    if (previous == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, previous);
    }
  }
}
