package dev.tether.bench.jmh;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;
import dev.tether.bootstrap.HttpHooks;
import dev.tether.bootstrap.ToolContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A loopback HTTP API (the JDK's server, a 64-byte answer) and one client of the kind {@link
 * #client} names, kept alive across calls as applications keep theirs. {@link #call} makes one GET
 * with the application's ambient {@code Authorization} header; with {@code tethered} it first
 * passes the request through the bridge method the agent weaves into that client, exactly as the
 * woven code does, so the measured difference is Tether's work on the call: the egress check, the
 * API lookup, the token (time-boxed: cached for the tool call) and the request copy or header set.
 * The clients' classes have the shape the agent gives them ({@link AgentWovenClasses}).
 */
@State(Scope.Thread)
public class LoopbackHttp {

  private static final byte[] BODY = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);
  /** An ambient secret of a real one's length (a classic GitHub token), so both arms send alike. */
  private static final String AMBIENT = "Bearer ghp_" + "0123456789abcdefghijklmnopqrstuvwxyz";
  /** -Dbench.aa=true: both arms without Tether, to see the design's own bias (should be 1.00). */
  private static final boolean AA = Boolean.getBoolean("bench.aa");
  /**
   * -Dbench.control=NAME: controls, no Tether in either arm; the "tethered" arm does by hand one
   * part of what Tether does, to see what that part costs by itself. {@code apache5-header}: Apache
   * 5's header set to a token of the Vault's length. For the JDK client, the request with that
   * token: {@code jdk-builder-copy}, copied through {@code HttpRequest.newBuilder(request, filter)};
   * {@code jdk-delegating}, another {@code HttpRequest} class with new headers (as Tether's {@code
   * HeaderReplacedRequest}); {@code jdk-delegating-same}, that class with the same headers.
   */
  private static final String CONTROL = System.getProperty("bench.control", "");
  private static final List<String> CONTROLS =
      List.of("apache5-header", "jdk-builder-copy", "jdk-delegating", "jdk-delegating-same");
  private static final String HAND_TOKEN = "Bearer tsu_" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

  @Param({"jdk", "url-connection", "okhttp", "apache5", "apache4"})
  public String client;

  /** The Authorization header of the last request the API received. */
  private volatile String lastAuthorization;
  private boolean armsChecked;
  /** How long the last tethered call spent in Tether's bridge: its own work, in place. */
  long lastGuardNanos;
  private HttpServer server;
  private URI timeBoxed;
  private URI singleUse;
  private HttpClient jdk;
  private okhttp3.OkHttpClient okhttp;
  private org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache5;
  private org.apache.http.impl.client.CloseableHttpClient apache4;
  static {
    // Before the context below, an HttpCoreContext, is made: the agent gives its class a field.
    AgentWovenClasses.defineApacheCarriers();
  }

  /** What the Apache clients send a request in (the hooks as the request is sent read them). */
  private final org.apache.hc.core5.http.protocol.HttpContext apache5Context =
      org.apache.hc.client5.http.protocol.HttpClientContext.create();
  private final org.apache.http.protocol.HttpContext apache4Execution =
      new org.apache.http.protocol.BasicHttpContext();

  @Setup(Level.Trial)
  public void start() throws IOException {
    // A control that does not apply would leave Tether in the arm, and its figure read as one.
    if (!CONTROL.isEmpty() && (!CONTROLS.contains(CONTROL) || !CONTROL.startsWith(client + "-"))) {
      throw new IllegalArgumentException("-Dbench.control=" + CONTROL + " is not a control for"
          + " client " + client + "; the controls are " + CONTROLS + ", each for the client it"
          + " names (run it with -p client=...)");
    }
    AgentWovenClasses.defineOkHttpRequest();
    if (client.equals("jdk")) {
      AgentWovenClasses.defineJdkRequestCopy();
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, BODY.length);
        exchange.getResponseBody().write(BODY);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    int port = server.getAddress().getPort();
    // tether-jmh.yaml: 127.0.0.1 is a time-boxed API, localhost a single-use one.
    timeBoxed = URI.create("http://127.0.0.1:" + port + "/api");
    singleUse = URI.create("http://localhost:" + port + "/api");
    apache4Execution.setAttribute("http.target_host",
        new org.apache.http.HttpHost("127.0.0.1", port, "http"));
    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    okhttp = new okhttp3.OkHttpClient();
    apache5 = org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
    apache4 = org.apache.http.impl.client.HttpClients.createDefault();
  }

  /**
   * The premise, checked before the first round, inside the tool call ({@link ToolScope}; a
   * setup taking that state would enter the tool call twice): the arm with Tether sends the API a token in
   * place of the application's secret, the arm without it the secret (in a control or the A/A
   * design, both the secret, unless the control sets the header itself).
   */
  void checkArmsOnce() throws IOException, InterruptedException {
    if (armsChecked) {
      return;
    }
    call(timeBoxed, false);
    String without = lastAuthorization;
    call(timeBoxed, true);
    String with = lastAuthorization;
    boolean tetherInArm = !AA && CONTROL.isEmpty();
    if (!AMBIENT.equals(without) || (tetherInArm == AMBIENT.equals(with))) {
      throw new IllegalStateException("the arms do not send what they should: without Tether "
          + describe(without) + ", with it " + describe(with) + " (expected the application's"
          + " secret, then " + (tetherInArm ? "a token" : "the secret or the control's value")
          + ")");
    }
    armsChecked = true;
  }

  private static String describe(String authorization) {
    return authorization == null ? "no Authorization"
        : AMBIENT.equals(authorization) ? "the application's secret" : "another value";
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    apache4.close();
    apache5.close();
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  URI timeBoxedApi() {
    return timeBoxed;
  }

  URI singleUseApi() {
    return singleUse;
  }

  private static HttpRequest jdkControl(HttpRequest request) {
    switch (CONTROL) {
      case "jdk-builder-copy":
        return HttpRequest.newBuilder(request, KEEP).setHeader("Authorization", HAND_TOKEN).build();
      case "jdk-delegating":
        return new DelegatingRequest(request,
            HttpHeaders.of(Map.of("Authorization", List.of(HAND_TOKEN)), KEEP));
      case "jdk-delegating-same":
        return new DelegatingRequest(request, request.headers());
      default:
        throw new IllegalArgumentException("no control " + CONTROL);
    }
  }

  /** Keeps every header (the client's own filter also checks each, for both arms alike). */
  static final BiPredicate<String, String> KEEP = (name, value) -> true;

  /** Another {@code HttpRequest} class, reading all but its headers from the original. */
  private static final class DelegatingRequest extends HttpRequest {
    private final HttpRequest request;
    private final HttpHeaders headers;

    DelegatingRequest(HttpRequest request, HttpHeaders headers) {
      this.request = request;
      this.headers = headers;
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
      return request.bodyPublisher();
    }

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public Optional<Duration> timeout() {
      return request.timeout();
    }

    @Override
    public boolean expectContinue() {
      return request.expectContinue();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Optional<HttpClient.Version> version() {
      return request.version();
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }
  }

  /** One GET through this state's client; returns the bytes read. */
  int call(URI url, boolean tethered) throws IOException, InterruptedException {
    tethered &= !AA;
    switch (client) {
      case "jdk": {
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", AMBIENT).build();
        if (tethered && CONTROL.startsWith("jdk-")) {
          long start = System.nanoTime();
          request = jdkControl(request);
          lastGuardNanos = System.nanoTime() - start;
        } else if (tethered) {
          // The agent also remembers each exchange with its tool call (MultiExchange.responseAsync)
          // for the redirects it may make, in the field it gives the exchange's class.
          HttpHooks.jdkHttpClientExchangeStarting(new AgentWovenClasses.Exchange());
        }
        // The client's copy of the request is woven in both arms (one class): the arm without
        // Tether (and both arms of a control) sends outside the tool call, where the hook decides
        // nothing. Tether's time is inside the client's constructor, not measured apart.
        Object previous =
            ToolContext.attach(tethered && CONTROL.isEmpty() ? ToolContext.current() : null);
        try {
          return jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        } finally {
          ToolContext.restore(previous);
        }
      }
      case "url-connection": {
        HttpURLConnection connection = AgentWovenClasses.urlConnection(url.toURL());
        connection.setRequestProperty("Authorization", AMBIENT);
        if (tethered) {
          long start = System.nanoTime();
          HttpHooks.urlConnectionConnecting(connection);
          lastGuardNanos = System.nanoTime() - start;
          // The agent hooks getInputStream() and the connect() it calls: the second finds the
          // request decided already.
          HttpHooks.urlConnectionConnecting(connection);
        }
        try (InputStream in = connection.getInputStream()) {
          return in.readAllBytes().length;
        }
      }
      case "okhttp": {
        okhttp3.Request request = new okhttp3.Request.Builder().url(url.toString())
            .header("Authorization", AMBIENT).build();
        if (tethered) {
          long start = System.nanoTime();
          request = (okhttp3.Request) HttpHooks.okHttpRequest(request);
          // The codec's hook, as the request is written: the request Tether decided, unchanged.
          request = (okhttp3.Request) HttpHooks.okHttpSending(request);
          lastGuardNanos = System.nanoTime() - start;
        }
        try (okhttp3.Response response = okhttp.newCall(request).execute()) {
          return response.body().bytes().length;
        }
      }
      case "apache5": {
        org.apache.hc.client5.http.classic.methods.HttpGet get =
            new org.apache.hc.client5.http.classic.methods.HttpGet(url);
        get.setHeader("Authorization", AMBIENT);
        if (tethered && CONTROL.equals("apache5-header")) {
          long start = System.nanoTime();
          get.setHeader("Authorization", HAND_TOKEN);
          lastGuardNanos = System.nanoTime() - start;
        } else if (tethered) {
          long start = System.nanoTime();
          HttpHooks.apache5Request(get, null);
          // Around the client's request interceptors, as the request is sent: checked again.
          HttpHooks.apache5Processed(HttpHooks.apache5Processing(get, apache5Context), null);
          lastGuardNanos = System.nanoTime() - start;
        }
        return apache5.execute(get, response -> response.getEntity().getContent().readAllBytes())
            .length;
      }
      case "apache4": {
        org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(url);
        get.setHeader("Authorization", AMBIENT);
        if (tethered) {
          long start = System.nanoTime();
          HttpHooks.apache4Request(get, null);
          // As the request is written: checked again, the target host read from the execution.
          HttpHooks.apache4Sending(get, apache4Execution);
          lastGuardNanos = System.nanoTime() - start;
        }
        try (org.apache.http.client.methods.CloseableHttpResponse response = apache4.execute(get)) {
          return response.getEntity().getContent().readAllBytes().length;
        }
      }
      default:
        throw new IllegalArgumentException("no client " + client);
    }
  }
}
