package dev.tether.it;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An external API that accepts Tether's single-use tokens: each request's bearer token is checked
 * at the Vault's introspection endpoint (with the resource server's own credential), and served
 * only when active and addressed to this server.
 */
final class ResourceServer implements AutoCloseable {

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI vault;
  private final String tokenHeader;
  private final String credential;
  private final AtomicInteger served = new AtomicInteger();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger secretsReceived = new AtomicInteger();
  private volatile URI redirectTarget;
  private volatile URI forwardTarget;

  ResourceServer(URI vault, String credential) throws IOException {
    this(vault, credential, "Authorization");
  }

  /**
   * @param tokenHeader where callers put the token: {@code Authorization} (as {@code Bearer}
   *     token) or another header (the token alone)
   */
  ResourceServer(URI vault, String credential, String tokenHeader) throws IOException {
    this.vault = vault;
    this.credential = credential;
    this.tokenHeader = tokenHeader;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<HttpContext> paths = List.of(
        server.createContext("/", this::serve),
        server.createContext("/redirect", exchange -> redirect(exchange, redirectTarget)),
        server.createContext("/forward", exchange -> redirect(exchange, forwardTarget)),
        server.createContext("/challenge", ResourceServer::challenge));
    paths.forEach(path -> path.getFilters().add(new SecretCounter()));
    server.start();
  }

  /** The audience tokens for this server must name: its host and port. */
  String audience() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  URI url() {
    return URI.create("http://" + audience() + "/resource");
  }

  int served() {
    return served.get();
  }

  /** Where {@code /redirect} sends its callers (302), e.g. a host outside a tool's egress list. */
  void redirectTo(URI target) {
    this.redirectTarget = target;
  }

  /** Where {@code /forward} sends its callers (302), e.g. another host inside a tool's egress list. */
  void forwardTo(URI target) {
    this.forwardTarget = target;
  }

  private static void redirect(HttpExchange exchange, URI target) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().add("Location", String.valueOf(target));
      exchange.sendResponseHeaders(302, -1);
    }
  }

  /** Asks for HTTP Basic credentials, whatever the request carries: clients' authenticators answer. */
  private static void challenge(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"api\"");
      exchange.sendResponseHeaders(401, -1);
    }
  }

  /**
   * How many requests carried the application's ambient secret, in any header and any value of
   * it, on any path.
   */
  int secretsReceived() {
    return secretsReceived.get();
  }

  /** Counts the requests that carry {@link #SECRET_MARK} anywhere in their headers. */
  private final class SecretCounter extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      if (exchange.getRequestHeaders().values().stream().flatMap(List::stream)
          .anyMatch(SecretCounter::carriesSecret)) {
        secretsReceived.incrementAndGet();
      }
      chain.doFilter(exchange);
    }

    /** The secret as it is, or in the password of HTTP Basic credentials. */
    private static boolean carriesSecret(String value) {
      if (value.contains(SECRET_MARK)) {
        return true;
      }
      if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          return new String(java.util.Base64.getDecoder().decode(value.substring(6).trim()),
              StandardCharsets.UTF_8).contains(SECRET_MARK);
        } catch (IllegalArgumentException notBase64) {
          return false;
        }
      }
      return false;
    }

    @Override
    public String description() {
      return "counts requests carrying the ambient secret";
    }
  }

  /** Part of every ambient secret the test applications hold. */
  static final String SECRET_MARK = "ambient-secret";

  /** Every value of the token header received, in order ({@code <none>} for none). */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String header = exchange.getRequestHeaders().getFirst(tokenHeader);
      authorizations.add(header == null ? "<none>" : header);
      String token = header == null ? ""
          : !tokenHeader.equalsIgnoreCase("Authorization") ? header
          : header.startsWith("Bearer ") ? header.substring(7) : "";
      HttpResponse<String> introspection;
      try {
        introspection = client.send(HttpRequest.newBuilder(vault.resolve("/v1/introspect"))
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      String answer = introspection.body();
      boolean active = answer.contains("\"active\":true")
          && answer.contains("\"aud\":\"" + audience() + "\"");
      byte[] body = (active ? "resource" : "inactive").getBytes(StandardCharsets.UTF_8);
      if (active) {
        served.incrementAndGet();
      }
      exchange.sendResponseHeaders(active ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
