package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.HttpClientsApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five HTTP clients with the real agent, on JDK 17 and 25: inside a tool call each request to
 * the external API carries a fresh single-use token in place of the application's ambient secret,
 * which never reaches the server; a request to a host outside the tool's egress list is refused
 * before any connection is opened. Outside tools nothing changes.
 */
class HttpClientsIT {

  static final String TASK = "t-http";
  static final String API_KEY = "X-Api-Key";
  static final String AMBIENT = "Bearer ambient-secret-0123456789";
  /** A redirect from the API to the host outside egress, refused at the next hop. */
  static final String REDIRECT_REFUSED = "REFUSED Tether refused a request to localhost (the next"
      + " hop of a redirect or retry) in tool 'callApi': the host is not in the tool's egress list"
      + " [127.0.0.1]";
  /** The same for HttpURLConnection, whose redirects connect() again as new requests. */
  static final String URL_CONNECTION_REFUSED = "REFUSED Tether refused a request to localhost in"
      + " tool 'callApi': the host is not in the tool's egress list [127.0.0.1]";
  /** A redirect to another host in egress to which the JDK client would carry the API's token. */
  static final String TOKEN_CARRIED_REFUSED = "REFUSED Tether refused a request to 127.0.0.1 in"
      + " tool 'callApi': the JDK HttpClient followed a redirect there by itself with the token"
      + " issued for ";

  static LocalAwsStack stack;
  static ResourceServer api;
  static ConnectionCounter outside;
  /** Another host inside the egress list, which is no API: no token may reach it. */
  static ResourceServer elsewhere;
  /** The same pair for an API whose token goes in a header of its own, which clients carry on. */
  static ResourceServer keyApi;
  static ResourceServer keyElsewhere;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalAwsStack.start(ForkedJvm.itTools());
    api = new ResourceServer(stack.vault().url(), stack.vault().resourceServerToken());
    outside = new ConnectionCounter();
    api.redirectTo(outside.url());
    elsewhere = new ResourceServer(stack.vault().url(), stack.vault().resourceServerToken());
    api.forwardTo(elsewhere.url());
    keyApi = new ResourceServer(stack.vault().url(), stack.vault().resourceServerToken(), API_KEY);
    keyElsewhere =
        new ResourceServer(stack.vault().url(), stack.vault().resourceServerToken(), API_KEY);
    keyApi.redirectTo(outside.url());
    keyApi.forwardTo(keyElsewhere.url());
  }

  @AfterAll
  static void stop() throws Exception {
    outside.close();
    elsewhere.close();
    keyElsewhere.close();
    keyApi.close();
    api.close();
    stack.close();
  }

  static List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void eachClientGetsAFreshTokenPerCallAndNoConnectionOutsideEgress(
      Path javaHome, @TempDir Path dir) throws Exception {
    int before = api.authorizations().size();
    int elsewhereBefore = elsewhere.authorizations().size();
    int secretsBefore = api.secretsReceived();

    ForkedJvm.Result result = run(javaHome, dir);

    assertThat(result.exitCode()).as(result.all()).isZero();
    List<String> expected = new ArrayList<>();
    for (String client : HttpClientsApp.CLIENTS) {
      expected.add("CALL " + client + " 200");
      expected.add("CALL " + client + " 200");
    }
    assertThat(result.lines("CALL ")).as(result.all()).containsExactlyElementsOf(expected);
    assertThat(result.lines("OUTSIDE ")).as(result.all())
        .hasSize(HttpClientsApp.CLIENTS.size())
        .allSatisfy(line -> assertThat(line).contains("REFUSED TetherDeniedException: Tether "
            + "refused a request to localhost in tool 'callApi': the host is not in the tool's"
            + " egress list [127.0.0.1]"));
    assertRedirectsDecided(result, HttpClientsApp.CLIENTS, elsewhereBefore);
    assertThat(result.lines("CARRIERS ")).as(result.all()).containsExactly("CARRIERS"
        + " jdk.internal.net.http.MultiExchange=true okhttp3.Request=true"
        + " sun.net.www.protocol.http.HttpURLConnection=true");

    List<String> seen = api.authorizations().subList(before, api.authorizations().size());
    List<String> inTools = seen.subList(0, 2 * HttpClientsApp.CLIENTS.size());
    assertThat(inTools).as("what the API received inside the tool")
        .doesNotContain(AMBIENT)
        .allSatisfy(header -> assertThat(header).startsWith("Bearer "))
        .doesNotHaveDuplicates();
    // Outside any tool the application's own request goes out as it wrote it.
    assertThat(result.lines("OUTSIDE-TOOL ")).containsExactly("OUTSIDE-TOOL 401");
    assertThat(seen.get(seen.size() - 1)).isEqualTo(AMBIENT);
    assertThat(api.secretsReceived() - secretsBefore)
        .as("requests that carried the secret in any header, any value: the one outside tools")
        .isOne();
  }

  static Stream<Arguments> olderOkHttps() {
    return ForkedJvm.javaHomes().stream()
        .flatMap(home -> Stream.of(Arguments.of(home, 4), Arguments.of(home, 3)));
  }

  /**
   * OkHttp 4 (Kotlin, Okio 3) and 3 (Java, Okio 1), each in place of the class path's OkHttp 5:
   * the same hooks, and the same helper (compiled against OkHttp 5) reads their requests.
   */
  @ParameterizedTest(name = "java.home={0}, OkHttp {1}")
  @MethodSource("olderOkHttps")
  void olderOkHttpIsHookedAsOkHttp5Is(Path javaHome, int major, @TempDir Path dir)
      throws Exception {
    Path jars = Path.of("target", "okhttp-" + major);
    List<String> replacing;
    try (Stream<Path> files = Files.list(jars)) {
      replacing = files.filter(p -> p.toString().endsWith(".jar"))
          .map(p -> p.toAbsolutePath().toString()).collect(Collectors.toList());
    }
    assertThat(replacing).as(jars + " has no jar; run mvn generate-test-resources").isNotEmpty();
    // OkHttp 3 brings its own Okio (1.x), which Okio 3 on the class path would shadow.
    String classPath = Stream.concat(
            Stream.of(ForkedJvm.applicationClassPath().split(File.pathSeparator))
                .filter(entry -> !entry.contains("okhttp-jvm")
                    && !(major == 3 && entry.contains("okio"))),
            replacing.stream())
        .collect(Collectors.joining(File.pathSeparator));
    int before = api.authorizations().size();
    int elsewhereBefore = elsewhere.authorizations().size();

    // With an interceptor that puts the secret back, on a thread of the application's own: the
    // codecs, newBuilder() and build() are hooked in OkHttp 3 and 4 as in 5.
    List<String> clients = List.of("okhttp", "okhttp-thread-interceptor");
    ForkedJvm.Result result = run(javaHome, dir, classPath, String.join(",", clients));

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.lines("OKHTTP-VERSION ")).as(result.all()).singleElement().asString()
        .startsWith("OKHTTP-VERSION " + major + ".");
    assertThat(result.lines("CALL ")).as(result.all()).containsExactly("CALL okhttp 200",
        "CALL okhttp 200", "CALL okhttp-thread-interceptor 200",
        "CALL okhttp-thread-interceptor 200");
    assertThat(result.lines("OUTSIDE ")).as(result.all()).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("REFUSED TetherDeniedException"));
    assertRedirectsDecided(result, clients, elsewhereBefore);
    assertThat(result.lines("CARRIERS ")).as(result.all()).singleElement().asString()
        .contains(" okhttp3.Request=true");
    List<String> seen = api.authorizations().subList(before, before + 4);
    assertThat(seen).doesNotContain(AMBIENT).doesNotHaveDuplicates();
  }

  /**
   * The application's secret added by the client itself, after the request was handed over (an
   * OkHttp interceptor, an Apache request interceptor), is replaced as well: the API receives the
   * call's token, never the secret.
   */
  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void aSecretTheClientAddsItselfIsReplacedToo(Path javaHome, @TempDir Path dir) throws Exception {
    int before = api.authorizations().size();

    ForkedJvm.Result result = run(javaHome, dir, ForkedJvm.applicationClassPath(),
        String.join(",", HttpClientsApp.ADDING_CLIENTS));

    assertThat(result.exitCode()).as(result.all()).isZero();
    List<String> expected = new ArrayList<>();
    for (String client : HttpClientsApp.ADDING_CLIENTS) {
      expected.add("CALL " + client + " 200");
      expected.add("CALL " + client + " 200");
    }
    assertThat(result.lines("CALL ")).as(result.all()).containsExactlyElementsOf(expected);
    assertThat(result.lines("OUTSIDE ")).as(result.all())
        .hasSize(HttpClientsApp.ADDING_CLIENTS.size())
        .allSatisfy(line -> assertThat(line).contains("REFUSED TetherDeniedException"));
    List<String> seen = api.authorizations().subList(before, api.authorizations().size());
    assertThat(seen.subList(0, 2 * HttpClientsApp.ADDING_CLIENTS.size()))
        .as("what the API received inside the tool")
        .doesNotContain(AMBIENT)
        .allSatisfy(header -> assertThat(header).startsWith("Bearer "))
        .doesNotHaveDuplicates();
    assertThat(outside.accepted()).as("connections to the host outside egress").isZero();
  }

  /**
   * The API's tokens go in a header of their own, and the application keeps its secret in {@code
   * Authorization}, set on the request or added by the client's interceptors: no client sends the
   * secret beside the token. The other host inside egress, which is no API, gets the requests the
   * application wrote for it: the secret only where its interceptors add it to every hop.
   */
  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void noClientSendsTheSecretBesideATokenInAHeaderOfItsOwn(Path javaHome, @TempDir Path dir)
      throws Exception {
    List<String> clients = new ArrayList<>(HttpClientsApp.CLIENTS);
    clients.addAll(HttpClientsApp.ADDING_CLIENTS);
    int secrets = keyApi.secretsReceived();
    int secretsElsewhere = keyElsewhere.secretsReceived();
    int calls = keyApi.authorizations().size();

    ForkedJvm.Result result = run(javaHome, dir, ForkedJvm.applicationClassPath(),
        String.join(",", clients), keyApi, Map.of(), "    header: " + API_KEY,
        "    scheme: \"\"");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.lines("CALL ")).as(result.all()).hasSize(2 * clients.size())
        .allSatisfy(line -> assertThat(line).endsWith(" 200"));
    assertThat(keyApi.secretsReceived() - secrets)
        .as("requests to the API that carried the secret: the one made outside tools")
        .isOne();
    assertThat(keyElsewhere.secretsReceived() - secretsElsewhere)
        .as("redirected requests that carried the secret to the other host, which is no API")
        .isEqualTo(HttpClientsApp.ADDING_ON_EVERY_HOP.size());
    assertThat(keyApi.authorizations().subList(calls, calls + 2 * clients.size()))
        .as("the API's own calls carried a token in " + API_KEY)
        .doesNotContain("<none>").doesNotHaveDuplicates();
    assertThat(outside.accepted()).as("connections to the host outside egress").isZero();
  }

  /**
   * The API asks for credentials ({@code 401} with {@code WWW-Authenticate: Basic}), and each
   * client has the application's secret to answer with (a per-connection {@code Authenticator},
   * the JDK client's, an OkHttp authenticator, Apache's credentials providers): inside a tool
   * call, none sends it. The call ends with the API's 401, a refusal (the JDK client on 17), or
   * the client's own error (OkHttp gives up after 20 follow-ups, as it does without Tether; Apache
   * 5 fails with "AuthScheme is null", as it does without Tether for a request that carries an
   * Authorization of its own), and nothing hangs. Without {@code
   * ServerCredentialsWithheld}, the agent's authenticator, the connection sent the secret 19 times a call.
   */
  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void noClientAnswersTheApisChallengeWithTheSecret(Path javaHome, @TempDir Path dir)
      throws Exception {
    int secrets = api.secretsReceived();

    ForkedJvm.Result result = run(javaHome, dir, ForkedJvm.applicationClassPath(),
        String.join(",", HttpClientsApp.CHALLENGED_CLIENTS));

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.lines("CALL ")).as(result.all())
        .hasSize(2 * HttpClientsApp.CHALLENGED_CLIENTS.size())
        .contains("CALL url-connection-challenged 401", "CALL apache4-challenged 401");
    assertThat(api.secretsReceived() - secrets)
        .as("requests that carried the secret: the one made outside tools, which asks for no"
            + " credentials")
        .isOne();
  }

  /**
   * A token in a header of its own is one no client drops when it follows a redirect to another
   * host (they drop {@code Authorization}, if any): Tether takes it off, and the JDK client,
   * whose request it cannot change, is refused the hop on every JDK. The application sends no
   * {@code Authorization} here, so Apache 5's own rule (no redirect to another host with one)
   * does not return the 302 before the token could reach the other host.
   */
  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void aTokenInAHeaderOfItsOwnIsTakenOffARedirectToAnotherHost(Path javaHome, @TempDir Path dir)
      throws Exception {
    List<String> clients =
        List.of("jdk", "okhttp", "okhttp-thread", "apache5", "apache5-lax", "apache5-async",
            "apache4", "apache4-legacy");
    int calls = keyApi.authorizations().size();
    int before = keyElsewhere.authorizations().size();

    ForkedJvm.Result result = run(javaHome, dir, ForkedJvm.applicationClassPath(),
        String.join(",", clients), keyApi, Map.of("it.ambient-header", "X-Ambient"),
        "    header: " + API_KEY, "    scheme: \"\"");

    assertThat(result.exitCode()).as(result.all()).isZero();
    List<String> forwards = new ArrayList<>();
    for (String client : clients) {
      forwards.add("FORWARD " + client + " "
          + (client.equals("jdk") ? TOKEN_CARRIED_REFUSED : "401"));
    }
    assertThat(result.lines("CALL ")).as(result.all()).hasSize(2 * clients.size())
        .allSatisfy(line -> assertThat(line).endsWith(" 200"));
    assertThat(result.lines("FORWARD ")).as(result.all())
        .zipSatisfy(forwards, HttpClientsIT::assertOutcome);
    assertThat(result.lines("FORWARD jdk ")).singleElement().asString()
        .contains(" in " + API_KEY + ", and cannot be made to leave it out");
    List<String> received = keyElsewhere.authorizations();
    assertThat(received.subList(before, received.size()))
        .as("what the other host inside egress received in " + API_KEY)
        .hasSize(clients.size() - 1)
        .allSatisfy(header -> assertThat(header).isEqualTo("<none>"));
    List<String> atTheApi = keyApi.authorizations();
    assertThat(atTheApi.subList(calls, calls + 2 * clients.size()))
        .as("the API's own calls carried a token in " + API_KEY)
        .doesNotContain("<none>").doesNotHaveDuplicates();
  }

  /**
   * Every client is refused the hop from the API to the host outside egress, which sees no
   * connection; and no token issued for the API reaches the other host inside egress: the client
   * drops it, Tether takes it off, or (the JDK client, which cannot be changed and on JDK 17
   * carries {@code Authorization} across hosts) the hop is refused. (Apache HttpClient 5 alone
   * would not follow a redirect to another host that carries {@code Authorization}; with the
   * token taken off, it follows.)
   */
  private static void assertRedirectsDecided(
      ForkedJvm.Result result, List<String> clients, int elsewhereBefore) {
    int java = Integer.parseInt(result.lines("JAVA ").get(0).substring("JAVA ".length()));
    List<String> redirects = new ArrayList<>();
    List<String> forwards = new ArrayList<>();
    for (String client : clients) {
      redirects.add("REDIRECT " + client + " "
          + (client.startsWith("url-connection") ? URL_CONNECTION_REFUSED : REDIRECT_REFUSED));
      // JDK 17 carries Authorization to another host; 25 drops it, as the other clients do.
      forwards.add("FORWARD " + client + " "
          + (client.startsWith("jdk") && java == 17 ? TOKEN_CARRIED_REFUSED : "401"));
    }
    assertThat(result.lines("REDIRECT ")).as(result.all())
        .zipSatisfy(redirects, HttpClientsIT::assertOutcome);
    assertThat(result.lines("FORWARD ")).as(result.all())
        .zipSatisfy(forwards, HttpClientsIT::assertOutcome);
    assertThat(outside.accepted()).as("connections to the host outside egress").isZero();
    List<String> received = elsewhere.authorizations();
    assertThat(received.subList(elsewhereBefore, received.size()))
        .as("what the other host inside egress received")
        .allSatisfy(header -> assertThat(header).isEqualTo("<none>"));
  }

  /** A status is the whole outcome; a refusal names its exception class, then the message. */
  private static void assertOutcome(String line, String expected) {
    if (!expected.contains(" REFUSED ")) {
      assertThat(line).isEqualTo(expected);
      return;
    }
    int refused = expected.indexOf(" REFUSED ") + " REFUSED ".length();
    assertThat(line).startsWith(expected.substring(0, refused))
        .contains("Exception: " + expected.substring(refused));
  }

  private static ForkedJvm.Result run(Path javaHome, Path dir) throws Exception {
    return run(javaHome, dir, ForkedJvm.applicationClassPath(), String.join(",",
        HttpClientsApp.CLIENTS));
  }

  private static ForkedJvm.Result run(Path javaHome, Path dir, String classPath, String clients)
      throws Exception {
    return run(javaHome, dir, classPath, clients, api, Map.of());
  }

  private static ForkedJvm.Result run(Path javaHome, Path dir, String classPath, String clients,
      ResourceServer server, Map<String, String> properties, String... apiLines)
      throws Exception {
    Path config = dir.resolve("it-http.yaml");
    List<String> lines = new ArrayList<>(List.of(
        "vault:",
        "  timeout: 3s",
        "tools:",
        "  - name: callApi",
        "    egress: [127.0.0.1]",
        "apis:",
        "  - host: " + server.audience(),
        "    token: single-use"));
    lines.addAll(List.of(apiLines));
    lines.addAll(List.of("telemetry:", "  exporter: none", ""));
    Files.writeString(config, String.join("\n", lines));
    ForkedJvm jvm = new ForkedJvm(javaHome);
    stack.launch("forked HTTP clients workload").environment().forEach(jvm::env);
    properties.forEach(jvm::property);
    return jvm.agentOptions("config=" + config)
        .property("tether.vault.url", stack.vault().url())
        .property("tether.vault.token", stack.vault().agentToken())
        .property("tether.task.grant", stack.grant(TASK, "alice", List.of("acme/widgets"),
            List.of("callApi")))
        .runWithClassPath(classPath, HttpClientsApp.class.getName(), server.url().toString(),
            outside.url().toString(), clients);
  }
}
