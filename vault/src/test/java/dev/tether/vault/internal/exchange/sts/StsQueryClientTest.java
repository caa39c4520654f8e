package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.vault.LocalSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The client against the Vault's local STS, which verifies SigV4 as AWS does, and against servers
 * that misbehave in the ways a network or a wrong endpoint can.
 */
class StsQueryClientTest {

  private final LocalStsServer local = new LocalStsServer(Clock.systemUTC());
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    local.close();
  }

  @Test
  void assumesTheRoleWithASignedRequest() throws Exception {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("task_id", "task-1");
    tags.put("repo", "github.com/acme/app");
    tags.put("user_id", "alice@example.com");

    SessionCredentials issued = client(local.url()).call("AssumeRole",
        StsForms.assumeRole(LocalStsServer.ROLE, "tether-fetch-1a2b3c4d", LocalStsServer.POLICY,
            tags, "tether-alice", 1200),
        local.rootKey());

    LocalSession session = local.sts.session(issued.accessKeyId()).orElseThrow();
    assertThat(session.secretAccessKey()).isEqualTo(issued.secretAccessKey());
    assertThat(session.sessionToken()).isEqualTo(issued.sessionToken());
    assertThat(session.expiration()).isEqualTo(issued.expiration());
    assertThat(issued.expiration())
        .isBetween(Instant.now().plusSeconds(1190), Instant.now().plusSeconds(1201));
    assertThat(session.scope()).isEqualTo(LocalStsServer.SCOPE);
    assertThat(session.tags()).containsExactlyInAnyOrderEntriesOf(tags);
  }

  /** Temporary base credentials: the token travels in X-Amz-Security-Token, under the signature. */
  @Test
  void signsWithASessionToken() throws Exception {
    SigningCredentials withToken = new SigningCredentials(local.root().accessKeyId(),
        local.root().secretAccessKey(), "FwoGZXIvYXdzEBYaDEXAMPLE+session/token==");

    SessionCredentials issued = client(local.url()).call("AssumeRole", form(LocalStsServer.ROLE),
        withToken);

    assertThat(local.sts.session(issued.accessKeyId())).isPresent();
  }

  @Test
  void keepsUsingOneClientForManyCalls() throws Exception {
    StsQueryClient client = client(local.url());
    for (int i = 0; i < 20; i++) {
      assertThat(client.call("AssumeRole", form(LocalStsServer.ROLE), local.rootKey())
          .accessKeyId()).startsWith("ASIA");
    }
  }

  @Test
  void aWrongSecretIsRefusedWithStsCodeAndMessage() {
    String secret = local.root().secretAccessKey();
    String wrong = (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1);

    StsRefusedException e = refused(local.url(), Clock.systemUTC(), form(LocalStsServer.ROLE),
        new SigningCredentials(local.root().accessKeyId(), wrong, null));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.stsMessage()).contains("signature we calculated does not match");
    assertThat(e.requestId()).isNotBlank();
    assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(secret);
  }

  @Test
  void anUnknownKeyIsRefused() {
    StsRefusedException e = refused(local.url(), Clock.systemUTC(), form(LocalStsServer.ROLE),
        new SigningCredentials("AKIAUNKNOWN000000000", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            null));

    assertThat(e.code()).isEqualTo("InvalidClientTokenId");
  }

  @Test
  void anotherRoleIsRefused() {
    StsRefusedException e = refused(local.url(), Clock.systemUTC(),
        form("arn:aws:iam::000000000000:role/admin"), local.rootKey());

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("AccessDenied");
    assertThat(e.stsMessage()).contains("is not authorized to perform: sts:AssumeRole");
  }

  /** A Vault whose clock runs 20 minutes late signs requests STS deems expired. */
  @Test
  void aSignatureFromALateClockIsRefusedAsExpired() {
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));

    StsRefusedException e =
        refused(local.url(), late, form(LocalStsServer.ROLE), local.rootKey());

    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.stsMessage()).startsWith("Signature expired");
  }

  @Test
  void webIdentityGoesUnsignedAndItsRefusalArrives() {
    String form = StsForms.assumeRoleWithWebIdentity(LocalStsServer.ROLE, "tether-x",
        "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", LocalStsServer.POLICY, 900);

    StsRefusedException e = catchThrowableOfType(StsRefusedException.class,
        () -> client(local.url()).call("AssumeRoleWithWebIdentity", form, null));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("InvalidIdentityToken");
    assertThat(e.stsMessage()).contains("No OpenIDConnect provider");
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/sts");
    }

    StsUnavailableException e = unavailable(closed, form(LocalStsServer.ROLE));

    assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.UNREACHABLE);
    assertThat(e).hasMessageContaining("Connect");
  }

  /** A server that takes the connection and never answers: one attempt, ended by the timeout. */
  @Test
  void aSilentServerTimesOutOnceAndIsNotRetried() throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    closing.add(silent);
    AtomicInteger accepted = new AtomicInteger();
    List<Socket> held = new ArrayList<>();
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          held.add(silent.accept());
          accepted.incrementAndGet();
        }
      } catch (java.io.IOException closedAtEnd) {
        // the test is over
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    StsQueryClient client = new StsQueryClient(
        StsEndpoint.of(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/")),
        Duration.ofSeconds(5), Duration.ofMillis(300), Clock.systemUTC());
    closing.add(client);

    StsUnavailableException e = catchThrowableOfType(StsUnavailableException.class,
        () -> client.call("AssumeRole", form(LocalStsServer.ROLE), local.rootKey()));

    assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.TIMED_OUT);
    assertThat(e).hasMessage("no answer within 300 ms");
    assertThat(accepted.get()).isEqualTo(1);
    for (Socket socket : held) {
      socket.close();
    }
  }

  @Test
  void aMalformedSuccessAnswerIsRefusedClearly() {
    ScriptedServer server = scripted(new ScriptedServer.Scripted(200,
        "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAX</AccessKeyId>"
            + "<SecretAccessKey>very-secret</SecretAccessKey></Credentials></AssumeRoleResult>"
            + "</AssumeRoleResponse>"));

    StsUnavailableException e = unavailable(server.url(), form(LocalStsServer.ROLE));

    assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.MALFORMED_ANSWER);
    assertThat(e).hasMessage("STS's answer to AssumeRole has Credentials without SessionToken");
    assertThat(e.getMessage()).doesNotContain("very-secret");
    assertThat(server.requests()).as("a malformed answer is not retried").isEqualTo(1);
  }

  @Test
  void anOversizedAnswerIsRefused() {
    ScriptedServer server = scripted(new ScriptedServer.Scripted(200,
        "<AssumeRoleResponse>" + "x".repeat(StsAnswers.MAX_ANSWER_BYTES) + "</AssumeRoleResponse>"));

    StsUnavailableException e = unavailable(server.url(), form(LocalStsServer.ROLE));

    assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.MALFORMED_ANSWER);
    assertThat(e).hasMessageContaining("more than 65536 bytes");
  }

  @Test
  void serverErrorsAndThrottlingAreRetriedRefusalsAreNot() throws Exception {
    ScriptedServer flaky = scripted(
        new ScriptedServer.Scripted(503, error("ServiceUnavailable", "try again")),
        new ScriptedServer.Scripted(400, error("Throttling", "Rate exceeded")),
        new ScriptedServer.Scripted(200, success()));
    StsQueryClient client = fastRetries(flaky.url());

    assertThat(client.call("AssumeRole", form(LocalStsServer.ROLE), local.rootKey())
        .accessKeyId()).isEqualTo("ASIAEXAMPLE");
    assertThat(flaky.requests()).isEqualTo(3);
    assertThat(flaky.bodies).as("the same request each time").containsOnly(
        form(LocalStsServer.ROLE));

    ScriptedServer down = scripted(new ScriptedServer.Scripted(500, ""));
    StsRefusedException failed = catchThrowableOfType(StsRefusedException.class,
        () -> fastRetries(down.url()).call("AssumeRole", form(LocalStsServer.ROLE),
            local.rootKey()));
    assertThat(down.requests()).isEqualTo(StsQueryClient.MAX_ATTEMPTS);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.code()).isNull();

    ScriptedServer denying =
        scripted(new ScriptedServer.Scripted(403, error("AccessDenied", "no")));
    catchThrowableOfType(StsRefusedException.class,
        () -> fastRetries(denying.url()).call("AssumeRole", form(LocalStsServer.ROLE),
            local.rootKey()));
    assertThat(denying.requests()).isEqualTo(1);
  }

  /** Behind an egress proxy, as the SDK's Apache client was configured: hosts it names go direct. */
  @Test
  void goesThroughTheProxyTheSdkWouldUseExceptToItsDirectHosts() throws Exception {
    ScriptedServer proxy = scripted(new ScriptedServer.Scripted(200, success()));
    ProxyConfiguration settings = ProxyConfiguration.builder()
        .endpoint(URI.create("http://127.0.0.1:" + proxy.url().getPort()))
        .nonProxyHosts(java.util.Set.of("localhost"))
        .useSystemPropertyValues(false)
        .useEnvironmentVariableValues(false)
        .build();
    StsQueryClient viaProxy = new StsQueryClient(
        StsEndpoint.of(URI.create("http://sts.behind-the-proxy.invalid/")),
        new ApacheStsTransport(Duration.ofSeconds(5), Duration.ofSeconds(30), settings),
        Clock.systemUTC(), Duration.ofMillis(1));
    closing.add(viaProxy);

    assertThat(viaProxy.call("AssumeRole", form(LocalStsServer.ROLE), local.rootKey())
        .accessKeyId()).isEqualTo("ASIAEXAMPLE");
    assertThat(proxy.requests()).isEqualTo(1);

    StsQueryClient direct = new StsQueryClient(
        StsEndpoint.of(URI.create(local.url().toString().replace("127.0.0.1", "localhost"))),
        new ApacheStsTransport(Duration.ofSeconds(5), Duration.ofSeconds(30), settings),
        Clock.systemUTC(), Duration.ofMillis(1));
    closing.add(direct);
    assertThat(direct.call("AssumeRole", form(LocalStsServer.ROLE), local.rootKey())
        .accessKeyId()).startsWith("ASIA");
    assertThat(proxy.requests()).as("localhost is reached directly").isEqualTo(1);
  }

  private static String form(String role) {
    return StsForms.assumeRole(role, "tether-test", LocalStsServer.POLICY, Map.of(), null, 900);
  }

  private static String error(String code, String message) {
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message>"
        + "</Error><RequestId>r-1</RequestId></ErrorResponse>";
  }

  private static String success() {
    return "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE"
        + "</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
        + "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
        + "</AssumeRoleResponse>";
  }

  private StsQueryClient client(URI url) {
    StsQueryClient client = new StsQueryClient(StsEndpoint.of(url));
    closing.add(client);
    return client;
  }

  private StsQueryClient fastRetries(URI url) {
    StsQueryClient client = new StsQueryClient(StsEndpoint.of(url),
        new ApacheStsTransport(Duration.ofSeconds(5), Duration.ofSeconds(30)),
        Clock.fixed(Instant.now(), ZoneOffset.UTC), Duration.ofMillis(1));
    closing.add(client);
    return client;
  }

  private ScriptedServer scripted(ScriptedServer.Scripted... answers) {
    ScriptedServer server = new ScriptedServer(answers);
    closing.add(server);
    return server;
  }

  private StsRefusedException refused(URI url, Clock clock, String form,
      SigningCredentials key) {
    StsQueryClient client =
        new StsQueryClient(StsEndpoint.of(url), Duration.ofSeconds(5), Duration.ofSeconds(30),
            clock);
    closing.add(client);
    return catchThrowableOfType(StsRefusedException.class,
        () -> client.call("AssumeRole", form, key));
  }

  private StsUnavailableException unavailable(URI url, String form) {
    StsQueryClient client = fastRetries(url);
    return catchThrowableOfType(StsUnavailableException.class,
        () -> client.call("AssumeRole", form, local.rootKey()));
  }
}
