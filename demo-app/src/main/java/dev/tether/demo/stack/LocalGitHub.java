package dev.tether.demo.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GitHub-shaped API on loopback for the demo's pull-request tool: {@code POST
 * /repos/{owner}/{repo}/pulls} answers 201 with a pull request, or 401 with GitHub's "Bad
 * credentials" body. It accepts the runtime's broad token (as GitHub accepts a personal token for
 * every repository it reaches, wherever it is presented) and Tether's single-use tokens, which it
 * checks at the Vault's introspection endpoint: each is accepted once, for this API's audience.
 * It also has a {@code /paste} endpoint, standing for somewhere a tool must not send data. It
 * records every request it receives; the credentials themselves are kept only to replay them.
 */
public final class LocalGitHub implements AutoCloseable {

  /** The audience Tether's tokens for this API name: the host, as the demo's tether.yaml lists it. */
  public static final String AUDIENCE = "127.0.0.1";
  private static final String REPLAY_HEADER = "X-Demo-Replay";

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI vault;
  private final String resourceServerToken;
  private final String ambientToken;
  private final AtomicInteger pulls = new AtomicInteger();
  private final List<ReceivedHttp> received = new ArrayList<>();
  private final List<String> credentials = new ArrayList<>();

  private LocalGitHub(URI vault, String resourceServerToken, String ambientToken)
      throws IOException {
    this.vault = vault;
    this.resourceServerToken = resourceServerToken;
    this.ambientToken = ambientToken;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * @param ambientToken the broad token the runtime holds in its environment
   */
  public static LocalGitHub start(URI vault, String resourceServerToken, String ambientToken) {
    try {
      return new LocalGitHub(vault, resourceServerToken, ambientToken);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local GitHub-shaped API: " + e, e);
    }
  }

  /** The API's base URL, under the name tools may call ({@code 127.0.0.1}). */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The same server under a name no tool may call: a stand-in for an outside paste site. */
  public URI pasteUrl() {
    return URI.create("http://localhost:" + server.getAddress().getPort() + "/paste");
  }

  /** What the API received, in order, with the replay results of {@link #replayAll()}. */
  public synchronized List<ReceivedHttp> received() {
    return List.copyOf(received);
  }

  /**
   * Presents every credential the API received once more, as someone who copied it off the wire or
   * out of the process would, and records the answers.
   */
  public void replayAll() {
    List<String> presented;
    List<ReceivedHttp> requests;
    synchronized (this) {
      presented = List.copyOf(credentials);
      requests = List.copyOf(received);
    }
    for (int i = 0; i < requests.size(); i++) {
      ReceivedHttp request = requests.get(i);
      int status = send(request.path(), presented.get(i));
      synchronized (this) {
        received.set(i, request.withReplay(status));
      }
    }
  }

  private int send(String path, String authorization) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(apiUrl().resolve(path))
          .header(REPLAY_HEADER, "1")
          .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"replayed\"}"));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      // replayAll's own requests: answered like any other, recorded by replayAll.
      boolean replay = exchange.getRequestHeaders().containsKey(REPLAY_HEADER);
      int status;
      String body;
      if (path.equals("/paste")) {
        status = 201;
        body = "{\"pasted\":true}";
      } else if (!path.matches("/repos/[^/]+/[^/]+/pulls")) {
        status = 404;
        body = "{\"message\":\"Not Found\"}";
      } else if (accepted(authorization)) {
        status = 201;
        int number = pulls.incrementAndGet();
        body = "{\"number\":" + number + ",\"state\":\"open\",\"html_url\":\"" + apiUrl()
            + path.replace("/repos", "").replace("/pulls", "/pull/") + number + "\"}";
      } else {
        status = 401;
        body = "{\"message\":\"Bad credentials\","
            + "\"documentation_url\":\"https://docs.github.com/rest\"}";
      }
      if (!replay) {
        synchronized (this) {
          received.add(new ReceivedHttp(exchange.getRequestHeaders().getFirst("Host"), path,
              ambientToken.equals(bearer(authorization)), status, 0));
          credentials.add(authorization);
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private boolean accepted(String authorization) {
    String token = bearer(authorization);
    if (token == null) {
      return false;
    }
    if (token.equals(ambientToken)) {
      return true; // a broad token works for anyone who holds it: the problem Tether solves
    }
    return introspect(token);
  }

  private boolean introspect(String token) {
    try {
      String answer = client.send(HttpRequest.newBuilder(vault.resolve("/v1/introspect"))
              .header("Authorization", "Bearer " + resourceServerToken)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return answer.contains("\"active\":true") && answer.contains("\"aud\":\"" + AUDIENCE + "\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String bearer(String authorization) {
    return authorization != null && authorization.startsWith("Bearer ")
        ? authorization.substring("Bearer ".length())
        : null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
