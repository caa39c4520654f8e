package dev.tether.it;

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

/**
 * A reverse proxy between a workload and its Vault that keeps a copy of every request and answer:
 * what someone on the network path (or reading the agent's traffic) could take away.
 */
final class WireTap implements AutoCloseable {

  /** One request as it passed, with the headers that matter to an attacker. */
  record Captured(String path, String authorization, String proof, String requestBody,
      int status, String responseBody) {}

  // Host as the workload sent it: a proof names the URL the workload addressed, as behind any
  // reverse proxy that keeps the Host header (needs jdk.httpclient.allowRestrictedHeaders=host).
  private static final List<String> FORWARDED = List.of("Host", "Authorization", "Tether-PoP",
      "Content-Type");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private final List<Captured> captured = new CopyOnWriteArrayList<>();

  private WireTap(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  static WireTap start(URI target) throws IOException {
    return new WireTap(target);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Captured> captured() {
    return captured;
  }

  /** The last request to {@code path}. */
  Captured last(String path) {
    for (int i = captured.size() - 1; i >= 0; i--) {
      if (captured.get(i).path().equals(path)) {
        return captured.get(i);
      }
    }
    throw new AssertionError("nothing captured on " + path + "; captured " + captured);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(
              target.resolve(exchange.getRequestURI().toString()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : FORWARDED) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      captured.add(new Captured(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("Tether-PoP"),
          new String(body, StandardCharsets.UTF_8), answer.statusCode(),
          new String(answer.body(), StandardCharsets.UTF_8)));
      answer.headers().firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
      exchange.sendResponseHeaders(answer.statusCode(),
          answer.body().length == 0 ? -1 : answer.body().length);
      exchange.getResponseBody().write(answer.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
