package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.config.ApiConfig;
import dev.tether.agent.internal.config.ToolConfig;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolBoundaries;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.task.TaskUnavailable;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.AwsTransmission;
import dev.tether.bootstrap.HttpHooks;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.GrantRequest;
import dev.tether.instrumentation.http.HttpClientsInstrumentationModule;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.http.client.methods.HttpGet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP decisions against a real Vault on loopback, on JDK {@code HttpRequest}s (the other clients'
 * requests are covered with the real agent by HttpClientsIT).
 */
class HttpRequestGuardTest {

  private static final String AMBIENT = "Bearer ambient";
  private static final String CLIENT = HttpHooks.JDK_HTTP_CLIENT;

  static TetherVault vault;
  static VaultClient client;
  static TaskSessions sessions;

  private final Telemetry telemetry = new Telemetry("none");
  private final Derivations derivations = new Derivations(telemetry, TurnRule.all());

  @BeforeAll
  static void startVault() throws Exception {
    vault = TetherVault.start(VaultSettings.localDefaults()
        .withTools(ToolCatalogue.of(Map.of("caller", AwsScope.none())))
        .withAttestation(TestWorkload.vaultPolicy()));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
    System.setProperty("tether.task.grant",
        new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
            .grant(new GrantRequest("t-http", "alice", List.of("acme/widgets"),
                List.of("caller"), 0))
            .token());
    Telemetry telemetry = new Telemetry("none");
    client = new VaultClient(
        new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml"));
    sessions = new TaskSessions(new GrantSource(), client,
        TestWorkload.attestation(client, telemetry), telemetry, "test-agent");
  }

  @AfterAll
  static void stopVault() {
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    System.clearProperty("tether.task.grant");
    vault.close();
  }

  private HttpRequestGuard guard(ApiConfig... apis) {
    return new HttpRequestGuard(List.of(apis),
        new ApiTokenIssuer(client, sessions, derivations, telemetry), telemetry, "test.yaml",
        HelperInjector.fromResources(
            getClass().getClassLoader(), new HttpClientsInstrumentationModule().helperClassNames()));
  }

  private ToolCall call(String... egress) {
    ToolConfig config = new ToolConfig("caller", null, null, List.of(egress), 0);
    try {
      return derivations.toolCall(sessions.current(), null, "caller", AwsScope.none(),
          new ToolBoundaries.Binding("caller", config, "caller"), null);
    } catch (TaskUnavailable e) {
      throw new AssertionError(e.getMessage());
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", AMBIENT)
        .header("Accept", "text/plain").build();
  }

  private static String authorization(Object request) {
    List<String> values = ((HttpRequest) request).headers().allValues("Authorization");
    assertThat(values).as("exactly one Authorization header goes out").hasSize(1);
    return values.get(0);
  }

  @Test
  void outsideToolCallsNothingIsDecidedOrChanged() {
    HttpRequest request = get("https://anywhere.example/");
    assertThat(JdkClientCopy.decide(guard(), null, request)).isSameAs(request);
  }

  @Test
  void aHostOutsideTheToolsEgressIsRefusedNamingToolHostListAndFile() {
    ToolCall call = call("api.github.com");
    assertThatThrownBy(() -> JdkClientCopy.decide(guard(), call, get("https://evil.example/x")))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessage("Tether refused a request to evil.example in tool 'caller': the host is not"
            + " in the tool's egress list [api.github.com] (test.yaml, tools[caller].egress);"
            + " nothing was sent, no connection opened");
  }

  @Test
  void anEgressHostThatIsNoApiGoesOutAsItIs() {
    HttpRequest request = get("https://docs.example.com/");
    assertThat(JdkClientCopy.decide(guard(), call("*.example.com"), request)).isSameAs(request);
  }

  @Test
  void singleUseTokensAreFreshPerRequestAndReplaceTheAmbientSecret() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    ToolCall call = call("api.example.com");

    Object first = JdkClientCopy.decide(guard, call, get("https://api.example.com/a"));
    Object second = JdkClientCopy.decide(guard, call, get("https://api.example.com/b"));

    assertThat(authorization(first)).startsWith("Bearer ").isNotEqualTo(AMBIENT);
    assertThat(authorization(second)).startsWith("Bearer ").isNotEqualTo(authorization(first));
    assertThat(((HttpRequest) first).headers().firstValue("Accept")).contains("text/plain");
    assertThat(((HttpRequest) first).uri()).isEqualTo(URI.create("https://api.example.com/a"));
  }

  @Test
  void timeBoxedTokensLastTheCallAndGoInTheConfiguredHeader() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com:8443", ApiConfig.TIME_BOXED,
        "X-Api-Key", "", 0));
    ToolCall call = call("api.example.com");

    HttpRequest first = (HttpRequest) JdkClientCopy.decide(guard, call,
        get("https://api.example.com:8443/a"));
    HttpRequest second = (HttpRequest) JdkClientCopy.decide(guard, call,
        get("https://api.example.com:8443/b"));
    HttpRequest otherCall = (HttpRequest) JdkClientCopy.decide(guard, call("api.example.com"),
        get("https://api.example.com:8443/c"));
    HttpRequest otherPort = get("https://api.example.com/d");

    String key = first.headers().firstValue("X-Api-Key").orElseThrow();
    assertThat(key).doesNotStartWith("Bearer");
    assertThat(second.headers().firstValue("X-Api-Key")).contains(key);
    assertThat(otherCall.headers().firstValue("X-Api-Key")).get().isNotEqualTo(key);
    assertThat(JdkClientCopy.decide(guard, call, otherPort))
        .as("another port of the host is not the API").isSameAs(otherPort);
  }

  @Test
  void requestsSignedWithSigV4AndTheSdksOwnAreNeverModified() throws Exception {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    HttpRequest signed = HttpRequest.newBuilder(URI.create("https://api.example.com/"))
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=ASIA.../s3/aws4_request").build();
    assertThat(JdkClientCopy.decide(guard, call("api.example.com"), signed)).isSameAs(signed);

    // The SDK sends through Apache or HttpURLConnection; here an HttpURLConnection, unconnected.
    HttpURLConnection sdk = (HttpURLConnection) URI.create(
        "https://s3.us-east-1.amazonaws.com/bucket/key").toURL().openConnection();
    AwsTransmission.begin("s3.us-east-1.amazonaws.com");
    try {
      assertThat(guard.decide(call(), HttpHooks.URL_CONNECTION, sdk, null))
          .as("the SDK request Tether authorized, though the host is in no egress list")
          .isSameAs(sdk);
      HttpRequest jdk = get("https://s3.us-east-1.amazonaws.com/bucket/key");
      assertThatThrownBy(() -> JdkClientCopy.decide(guard, call(), jdk))
          .as("the SDK never sends through the JDK client: no pass there")
          .isInstanceOf(TetherDeniedException.class);
    } finally {
      AwsTransmission.end();
    }
    assertThatThrownBy(() -> guard.decide(call(), HttpHooks.URL_CONNECTION, sdk, null))
        .as("the same request made by tool code").isInstanceOf(TetherDeniedException.class);
  }

  @Test
  void aTokenAskedForByCodeMustNameAHostInTheToolsEgress() {
    HttpRequestGuard guard = guard();
    guard.requireEgress(call("api.example.com"), "api.example.com:8443");
    assertThatThrownBy(() -> guard.requireEgress(call("api.example.com"), "evil.example"))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("Tether refused an API token for evil.example in tool 'caller'")
        .hasMessageContaining("egress list [api.example.com]");
  }

  @Test
  void aTokenThatCannotBeHadIsARefusalWithItsDecisionSpanAndNothingSent() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider tracers = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    Telemetry recorded = Telemetry.using(tracers.get("test"));
    HttpRequestGuard guard = new HttpRequestGuard(
        List.of(new ApiConfig("api.example.com", ApiConfig.TIME_BOXED, null, null, 0)),
        new ApiTokenIssuer(client, sessions, derivations, recorded), recorded, "test.yaml",
        HelperInjector.fromResources(
            getClass().getClassLoader(), new HttpClientsInstrumentationModule().helperClassNames()));
    // A tool the task's grant does not hold: its call has no token to exchange.
    ToolCall refused;
    try {
      refused = derivations.toolCall(sessions.current(), null, "notGranted", AwsScope.none(),
          new ToolBoundaries.Binding("notGranted",
              new ToolConfig("notGranted", null, null, List.of("api.example.com"), 0),
              "notGranted"), null);
    } catch (TaskUnavailable e) {
      throw new AssertionError(e.getMessage());
    }
    assertThat(refused.refusal()).isNotNull();

    assertThatThrownBy(() -> JdkClientCopy.decide(guard, refused, get("https://api.example.com/")))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("Tether refused")
        .hasMessageContaining("'notGranted'");
    List<SpanData> ended = spans.getFinishedSpanItems(); // exported as each ended
    tracers.close();
    assertThat(ended)
        .filteredOn(span -> span.getName().equals(Telemetry.SPAN_DECISION))
        .singleElement()
        .satisfies(span -> {
          assertThat(span.getAttributes().get(AttributeKey.stringKey("tether.decision")))
              .isEqualTo("deny");
          assertThat(span.getAttributes().get(AttributeKey.stringKey("tether.http.host")))
              .isEqualTo("api.example.com");
          assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        });
  }

  @Test
  void aTokenNeverTravelsOverPlainHttpBeyondLoopback() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    assertThatThrownBy(() -> JdkClientCopy.decide(guard, call("api.example.com"),
        get("http://api.example.com/")))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("its token would travel over plain http; use https://api.example.com");
  }

  @Test
  void theJdkClientsOwnNextHopIsRefusedWhereItWouldCarryATokenAway() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.TIME_BOXED,
        "X-Api-Key", "", 0));
    ToolCall call = call("api.example.com", "cdn.example.com");
    String key = ((HttpRequest) JdkClientCopy.decide(guard, call, get("https://api.example.com/a")))
        .headers().firstValue("X-Api-Key").orElseThrow();

    // What the JDK client makes for a redirect: the first request's headers on another URI.
    HttpRequest toCdn = HttpRequest.newBuilder(URI.create("https://cdn.example.com/x"))
        .header("X-Api-Key", key).build();
    assertThatThrownBy(() -> guard.decideFollowUp(call, CLIENT, toCdn, null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageStartingWith("Tether refused a request to cdn.example.com in tool 'caller': the"
            + " JDK HttpClient followed a redirect there by itself with the token issued for"
            + " api.example.com in X-Api-Key")
        .hasMessageEndingWith("followRedirects(HttpClient.Redirect.NEVER) and follow redirects"
            + " in code, where each request is decided; nothing was sent");

    HttpRequest backToApi = HttpRequest.newBuilder(URI.create("https://api.example.com/b"))
        .header("X-Api-Key", key).build();
    assertThat(guard.decideFollowUp(call, CLIENT, backToApi, null))
        .as("the token the call keeps, going on to its own API").isSameAs(backToApi);
    HttpRequest withoutToken = HttpRequest.newBuilder(URI.create("https://api.example.com/c"))
        .build();
    assertThatThrownBy(() -> guard.decideFollowUp(call, CLIENT, withoutToken, null))
        .hasMessageContaining("its request cannot be given a time-boxed API token for"
            + " api.example.com");
    HttpRequest plain = HttpRequest.newBuilder(URI.create("https://cdn.example.com/y")).build();
    assertThat(guard.decideFollowUp(call, CLIENT, plain, null)).isSameAs(plain);
    assertThatThrownBy(() -> guard.decideFollowUp(call, CLIENT,
        HttpRequest.newBuilder(URI.create("https://evil.example/")).build(), null))
        .hasMessageStartingWith("Tether refused a request to evil.example (the next hop of a"
            + " redirect or retry) in tool 'caller': the host is not in the tool's egress list");
    assertThat(guard.decideFollowUp(null, CLIENT, toCdn, null))
        .as("outside tool calls").isSameAs(toCdn);
  }

  @Test
  void aSpentSingleUseTokenIsNotSentAgainByTheJdkClient() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    ToolCall call = call("api.example.com");
    String token =
        authorization(JdkClientCopy.decide(guard, call, get("https://api.example.com/a")));
    HttpRequest again = HttpRequest.newBuilder(URI.create("https://api.example.com/a"))
        .header("Authorization", token).build();
    assertThatThrownBy(() -> guard.decideFollowUp(call, CLIENT, again, null))
        .hasMessageContaining("its request cannot be given a single-use API token for"
            + " api.example.com");
  }

  @Test
  void anApache4RedirectGetsTheFirstRequestsHeadersWithoutItsTokenOrAFreshOne() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    ToolCall call = call("api.example.com", "cdn.example.com");
    String apache4 = HttpHooks.APACHE_4;
    HttpGet first = new HttpGet("https://api.example.com/a");
    first.setHeader("Authorization", AMBIENT);
    first.setHeader("Accept", "text/plain");
    guard.decide(call, apache4, first, null);
    String token = first.getFirstHeader("Authorization").getValue();
    assertThat(token).startsWith("Bearer ").isNotEqualTo(AMBIENT);

    // A 302's redirect comes without headers; the client would copy the first request's.
    HttpGet toCdn = new HttpGet("https://cdn.example.com/x");
    assertThat(guard.decideFollowUp(call, apache4, toCdn, first)).isSameAs(toCdn);
    assertThat(toCdn.getFirstHeader("Accept").getValue()).isEqualTo("text/plain");
    assertThat(toCdn.getHeaders("Authorization")).as("the API's token taken off").isEmpty();
    assertThat(first.getHeaders("Authorization"))
        .as("nor left where the client copies from").isEmpty();

    HttpGet backToApi = new HttpGet("https://api.example.com/b");
    guard.decideFollowUp(call, apache4, backToApi, toCdn);
    assertThat(backToApi.getFirstHeader("Authorization").getValue())
        .startsWith("Bearer ").isNotEqualTo(token);
    assertThat(backToApi.getFirstHeader("Accept").getValue()).isEqualTo("text/plain");

    HttpGet outside = new HttpGet("https://evil.example/");
    assertThatThrownBy(() -> guard.decideFollowUp(call, apache4, outside, backToApi))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessageContaining("egress list [api.example.com, cdn.example.com]");
  }

  @Test
  void aRequestSentAsItWasDecidedGoesOutUnchangedWithoutAnotherToken() {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    ToolCall call = call("api.example.com", "docs.example.com");
    Object decided = JdkClientCopy.decide(guard, call, get("https://api.example.com/a"));
    HttpRequest elsewhere = get("https://docs.example.com/");

    assertThat(guard.decideSending(call, CLIENT, decided, null)).isSameAs(decided);
    assertThat(guard.decideSending(call, CLIENT, elsewhere, null))
        .as("a host in egress that is no API").isSameAs(elsewhere);
    assertThat(guard.decideSending(null, CLIENT, elsewhere, null))
        .as("outside tool calls").isSameAs(elsewhere);
  }

  /**
   * An Apache 4 request interceptor puts the application's secret back after the decision: the
   * request, as the client writes it (relative URI, the target host in the execution's context),
   * gets a token in its place, and a single-use one is fresh.
   */
  @Test
  void aSecretTheClientPutBackOnTheWayIsReplacedAsTheRequestIsSent() throws Exception {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    ToolCall call = call("api.example.com");
    HttpGet get = new HttpGet("https://api.example.com/a");
    get.setHeader("Authorization", AMBIENT);
    guard.decide(call, HttpHooks.APACHE_4, get, null);
    String decided = get.getFirstHeader("Authorization").getValue();

    org.apache.http.client.methods.HttpRequestWrapper written =
        org.apache.http.client.methods.HttpRequestWrapper.wrap(get);
    written.setURI(URI.create("/a"));
    written.setHeader("Authorization", AMBIENT); // what the interceptor does
    org.apache.http.protocol.BasicHttpContext execution =
        new org.apache.http.protocol.BasicHttpContext();
    execution.setAttribute("http.target_host",
        new org.apache.http.HttpHost("api.example.com", 443, "https"));

    assertThat(guard.decideSending(call, HttpHooks.APACHE_4, written, execution))
        .isSameAs(written);
    assertThat(written.getHeaders("Authorization")).hasSize(1);
    String sent = written.getFirstHeader("Authorization").getValue();
    assertThat(sent).startsWith("Bearer ").isNotEqualTo(AMBIENT).isNotEqualTo(decided);

    assertThat(guard.decideSending(call, HttpHooks.APACHE_4, written, execution))
        .isSameAs(written);
    assertThat(written.getFirstHeader("Authorization").getValue())
        .as("a token given for the API is left where it is").isEqualTo(sent);

    written.addHeader("Authorization", AMBIENT); // a second value, beside the token
    guard.decideSending(call, HttpHooks.APACHE_4, written, execution);
    assertThat(written.getHeaders("Authorization")).singleElement()
        .satisfies(header -> assertThat(header.getValue()).startsWith("Bearer ")
            .isNotEqualTo(AMBIENT));
  }

  /**
   * The application keeps its secret in {@code Authorization} (and, here, {@code Private-Token}),
   * while the API's tokens go in a header of their own: the secret is taken off, never sent beside
   * the token, as the request is decided and again where the client put it back.
   */
  @Test
  void aSecretInAnotherHeaderThanTheApisIsTakenOffNotSentBesideTheToken() throws Exception {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.TIME_BOXED,
        "X-Api-Key", "", List.of("Private-Token"), 0));
    ToolCall call = call("api.example.com");

    HttpRequest jdk = (HttpRequest) JdkClientCopy.decide(guard, call, HttpRequest.newBuilder(
        URI.create("https://api.example.com/a")).header("Authorization", AMBIENT)
        .header("private-token", "ambient").header("Accept", "text/plain").build());
    assertThat(jdk.headers().map()).containsOnlyKeys("Accept", "X-Api-Key");

    HttpGet apache = new HttpGet("https://api.example.com/a");
    apache.setHeader("Authorization", AMBIENT);
    apache.addHeader("Authorization", AMBIENT);
    guard.decide(call, HttpHooks.APACHE_4, apache, null);
    assertThat(apache.getAllHeaders()).extracting(org.apache.http.Header::getName)
        .containsExactly("X-Api-Key");
    String token = apache.getFirstHeader("X-Api-Key").getValue();

    org.apache.http.protocol.BasicHttpContext execution =
        new org.apache.http.protocol.BasicHttpContext();
    execution.setAttribute("http.target_host",
        new org.apache.http.HttpHost("api.example.com", 443, "https"));
    apache.setHeader("Authorization", AMBIENT); // what an interceptor does after the decision
    assertThat(guard.decideSending(call, HttpHooks.APACHE_4, apache, execution))
        .isSameAs(apache);
    assertThat(apache.getAllHeaders()).extracting(org.apache.http.Header::getName)
        .containsExactly("X-Api-Key");
    assertThat(apache.getFirstHeader("X-Api-Key").getValue())
        .as("the call's time-boxed token, kept").isEqualTo(token);

    HttpURLConnection connection = connection("https://api.example.com/a");
    connection.setRequestProperty("Authorization", AMBIENT);
    connection.setRequestProperty("Private-Token", "ambient");
    guard.decide(call, HttpHooks.URL_CONNECTION, connection, null);
    assertThat(sentHeaders(connection)).containsOnlyKeys("X-Api-Key")
        .containsEntry("X-Api-Key", List.of(token));
  }

  /**
   * {@code setRequestProperty} replaces one of the values {@code addRequestProperty} added: the
   * token goes out as the header's only value all the same, and the JDK's {@code Authorization},
   * which its public API hides, is read: a SigV4 signature there is left as it is.
   */
  @Test
  void aConnectionSendsOneTokenWhereTheApplicationAddedItsSecretTwice() throws Exception {
    HttpRequestGuard guard = guard(new ApiConfig("api.example.com", ApiConfig.SINGLE_USE, null,
        null, 0));
    ToolCall call = call("api.example.com");
    HttpURLConnection connection = connection("https://api.example.com/a");
    connection.addRequestProperty("Authorization", AMBIENT);
    connection.addRequestProperty("Authorization", AMBIENT);
    connection.setRequestProperty("Accept", "text/plain");

    guard.decide(call, HttpHooks.URL_CONNECTION, connection, null);

    Map<String, List<String>> sent = sentHeaders(connection);
    assertThat(sent).containsOnlyKeys("Accept", "Authorization");
    assertThat(sent.get("Authorization")).singleElement().asString().startsWith("Bearer ")
        .isNotEqualTo(AMBIENT);

    HttpURLConnection signed = connection("https://api.example.com/b");
    String signature = "AWS4-HMAC-SHA256 Credential=ASIA.../s3/aws4_request";
    signed.setRequestProperty("Authorization", signature);
    guard.decide(call, HttpHooks.URL_CONNECTION, signed, null);
    assertThat(sentHeaders(signed)).containsEntry("Authorization", List.of(signature));
  }

  /**
   * The connection the hooks see: for https, the JDK's {@code HttpsURLConnection} hands each call
   * to a connection of its own, which extends the http one, and that one is hooked.
   */
  private static HttpURLConnection connection(String url) throws Exception {
    HttpURLConnection https = (HttpURLConnection) URI.create(url).toURL().openConnection();
    java.lang.reflect.Field delegate = https.getClass().getDeclaredField("delegate");
    delegate.setAccessible(true);
    return (HttpURLConnection) delegate.get(https);
  }

  /** What the connection will write: its request headers, which its public API partly hides. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> sentHeaders(HttpURLConnection connection)
      throws ReflectiveOperationException {
    java.lang.reflect.Field requests = Class.forName("sun.net.www.protocol.http.HttpURLConnection")
        .getDeclaredField("requests");
    requests.setAccessible(true); // opened by this module's surefire argLine, as the agent does
    Object headers = requests.get(connection);
    return (Map<String, List<String>>) headers.getClass().getMethod("getHeaders").invoke(headers);
  }

  @Test
  void aRequestTheClientTurnedToAHostOutsideEgressIsRefusedAsItIsSent() {
    ToolCall call = call("api.example.com");
    assertThatThrownBy(() -> guard().decideSending(call, CLIENT, get("https://evil.example/x"),
        null))
        .isInstanceOf(TetherDeniedException.class)
        .hasMessage("Tether refused a request to evil.example in tool 'caller': the host is not"
            + " in the tool's egress list [api.example.com] (test.yaml, tools[caller].egress);"
            + " nothing was sent");
  }
}
