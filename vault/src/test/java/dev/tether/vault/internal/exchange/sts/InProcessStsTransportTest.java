package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.vault.LocalSession;
import dev.tether.vault.internal.sts.LocalStsInProcess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vault's STS client handing its signed requests to the local STS in the same process, as
 * local mode does: the local STS judges them as it judges those off its listener.
 */
class InProcessStsTransportTest {

  private final LocalStsServer local = new LocalStsServer(Clock.systemUTC());
  private final List<Map<String, List<String>>> handedOver = new ArrayList<>();

  @AfterEach
  void close() {
    local.close();
  }

  @Test
  void assumesTheRoleWithTheSameSignedRequestItWouldSend() throws Exception {
    SessionCredentials issued =
        client().call("AssumeRole", form(), local.rootKey());

    LocalSession session = local.sts.session(issued.accessKeyId()).orElseThrow();
    assertThat(session.secretAccessKey()).isEqualTo(issued.secretAccessKey());
    assertThat(session.scope()).isEqualTo(LocalStsServer.SCOPE);
    assertThat(session.tags()).containsEntry("task_id", "task-1");
    Map<String, List<String>> headers = handedOver.get(0);
    assertThat(headers.get("Host")).containsExactly(local.url().getAuthority());
    assertThat(headers.get("Content-Length"))
        .containsExactly(Integer.toString(form().getBytes(StandardCharsets.UTF_8).length));
    assertThat(headers.get("Authorization").get(0))
        .startsWith("AWS4-HMAC-SHA256 Credential=" + local.root().accessKeyId() + "/")
        .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date");
  }

  @Test
  void aWrongSecretIsRefusedByTheLocalStsAsOverHttp() {
    String secret = local.root().secretAccessKey();
    String wrong = (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1);

    StsRefusedException e =
        catchThrowableOfType(
            StsRefusedException.class,
            () ->
                client()
                    .call(
                        "AssumeRole",
                        form(),
                        new SigningCredentials(local.root().accessKeyId(), wrong, null)));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(secret);
    assertThat(handedOver).as("a refusal is not retried").hasSize(1);
  }

  @Test
  void anAnswerLargerThanStsSendsIsRefused() {
    byte[] huge = new byte[StsAnswers.MAX_ANSWER_BYTES + 1];
    StsQueryClient client =
        StsQueryClient.inProcess(
            StsEndpoint.of(local.url()),
            (method, rawPath, headers, body) -> new StsTransport.Answer(200, huge));

    StsUnavailableException e =
        catchThrowableOfType(
            StsUnavailableException.class,
            () -> client.call("AssumeRole", form(), local.rootKey()));

    assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.MALFORMED_ANSWER);
    assertThat(e).hasMessageContaining("more than 65536 bytes");
  }

  private StsQueryClient client() {
    LocalStsInProcess sts = new LocalStsInProcess(local.sts);
    return StsQueryClient.inProcess(
        StsEndpoint.of(local.url()),
        (method, rawPath, headers, body) -> {
          handedOver.add(headers);
          return sts.answer(method, rawPath, headers, body);
        });
  }

  private static String form() {
    return StsForms.assumeRole(
        LocalStsServer.ROLE,
        "tether-fetch-1a2b3c4d",
        LocalStsServer.POLICY,
        Map.of("task_id", "task-1"),
        "tether-alice",
        900);
  }
}
