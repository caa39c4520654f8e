package dev.tether.vault.internal.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.vault.internal.exchange.sts.LocalStsServer;
import dev.tether.vault.internal.exchange.sts.SessionCredentials;
import dev.tether.vault.internal.exchange.sts.StsRefusedException;
import dev.tether.vault.internal.exchange.sts.StsUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** The gateway's public contract, against the Vault's local STS over HTTP. */
class StsGatewayTest {

  private final LocalStsServer local = new LocalStsServer(Clock.systemUTC());

  @AfterEach
  void stop() {
    local.close();
  }

  @Test
  void issuesSessionsWithTheBaseCredentialsOfItsProvider() throws Exception {
    try (StsGateway gateway = new StsGateway(local.url(), root(), LocalStsServer.ROLE)) {
      SessionCredentials issued = gateway.issueSession("tether-list-1a2b3c4d", "list_bucket",
          LocalStsServer.POLICY, Map.of("task_id", "task-9", "tool", "list_bucket"),
          "tether-carol", 900);

      assertThat(local.sts.session(issued.accessKeyId()).orElseThrow().tags())
          .containsEntry("task_id", "task-9").containsEntry("tool", "list_bucket");
      assertThat(gateway.operation()).isEqualTo("AssumeRole");
      gateway.selfCheck();
    }
  }

  /** Credentials are asked for at every call: a rotated key is used at once. */
  @Test
  void resolvesTheCredentialsAtEveryCall() throws Exception {
    AtomicReference<AwsCredentials> current = new AtomicReference<>(
        AwsBasicCredentials.create(local.root().accessKeyId(), "not-the-secret-0123456789"));
    AwsCredentialsProvider rotating = current::get;
    try (StsGateway gateway = new StsGateway(local.url(), rotating, LocalStsServer.ROLE)) {
      StsRefusedException refused = catchThrowableOfType(StsRefusedException.class,
          () -> issue(gateway));
      assertThat(refused.code()).isEqualTo("SignatureDoesNotMatch");

      current.set(AwsSessionCredentials.create(local.root().accessKeyId(),
          local.root().secretAccessKey(), "FwoGZXIvYXdzEXAMPLE/token+rotated=="));
      assertThat(issue(gateway).accessKeyId()).startsWith("ASIA");
    }
  }

  @Test
  void aProviderThatFailsIsNamedAsSuch() {
    AwsCredentialsProvider none = () -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers");
    };
    try (StsGateway gateway = new StsGateway(local.url(), none, LocalStsServer.ROLE)) {
      StsUnavailableException e =
          catchThrowableOfType(StsUnavailableException.class, () -> issue(gateway));

      assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.NO_BASE_CREDENTIALS);
      assertThat(e).hasMessageContaining("Unable to load credentials");
    }
  }

  @Test
  void theSelfCheckSaysWhatTheFirstExchangeWouldMeet() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/sts");
    }
    try (StsGateway gateway = new StsGateway(closed, root(), LocalStsServer.ROLE)) {
      assertThatThrownBy(gateway::selfCheck)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the Vault's STS self-check got no answer from STS at " + closed
              + " (AssumeRole): ");
    }
    AwsCredentialsProvider wrong = StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIAUNKNOWN000000000", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    try (StsGateway gateway = new StsGateway(local.url(), wrong, LocalStsServer.ROLE)) {
      assertThatThrownBy(gateway::selfCheck)
          .hasMessageContaining("refused by STS at " + local.url())
          .hasMessageContaining("HTTP 403): InvalidClientTokenId")
          .hasMessageNotContaining("wJalrXUtnFEMI");
    }
  }

  @Test
  void closesAProviderThatHoldsResources() {
    AtomicBoolean closed = new AtomicBoolean();
    class Closeable implements AwsCredentialsProvider, SdkAutoCloseable {
      @Override
      public AwsCredentials resolveCredentials() {
        return AwsBasicCredentials.create("AKIAEXAMPLE", "secret");
      }

      @Override
      public void close() {
        closed.set(true);
      }
    }
    new StsGateway(local.url(), new Closeable(), LocalStsServer.ROLE).close();

    assertThat(closed).isTrue();
  }

  @Test
  void describesTheDefaultEndpoint() {
    try (StsGateway gateway = new StsGateway(null, root(), LocalStsServer.ROLE)) {
      assertThat(gateway.endpointDescription())
          .isEqualTo("the default STS endpoint https://sts.us-east-1.amazonaws.com/");
    }
  }

  private AwsCredentialsProvider root() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(
        local.root().accessKeyId(), local.root().secretAccessKey()));
  }

  private static SessionCredentials issue(StsGateway gateway) throws Exception {
    return gateway.issueSession("tether-t-1", "t", LocalStsServer.POLICY, Map.of(), null, 900);
  }
}
