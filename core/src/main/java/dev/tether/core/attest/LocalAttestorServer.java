package dev.tether.core.attest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.json.SafeName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one {@link LocalAttestor} on a loopback port, for the process its launcher starts.
 *
 * <p>{@code POST /v1/evidence} with {@code {"ticket", "nonce", "jkt"}} answers {@code 200
 * {"evidence": "tla1..."}}; {@code 403 local_attestor_refused} when the attestor refuses (a wrong
 * ticket, or a key other than the one the launch is bound to); {@code 400 invalid_request} for a
 * body it cannot read. The ticket is never quoted back.
 */
public final class LocalAttestorServer implements AutoCloseable {

  static final String PATH = "/v1/evidence";
  /** A valid body is about 200 bytes. */
  static final int MAX_BODY = 4096;

  private static final List<String> FIELDS = List.of("ticket", "nonce", "jkt");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService pool;
  private final LocalAttestor attestor;

  private LocalAttestorServer(HttpServer server, ExecutorService pool, LocalAttestor attestor) {
    this.server = server;
    this.pool = pool;
    this.attestor = attestor;
  }

  /**
   * Binds 127.0.0.1 on a port the system picks and starts answering.
   *
   * @throws IOException if no loopback port can be bound
   */
  public static LocalAttestorServer start(LocalAttestor attestor) throws IOException {
    attestor.warmUp();
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK (~40 ms per answer). Read once per JVM, at the first
    // server: set unless the application chose already.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService pool = Executors.newFixedThreadPool(2, new DaemonThreads());
    LocalAttestorServer attestorServer = new LocalAttestorServer(server, pool, attestor);
    server.createContext("/", attestorServer::handle);
    server.setExecutor(pool);
    server.start();
    return attestorServer;
  }

  /** The attestor's base URL, e.g. {@code http://127.0.0.1:41234}; requests go to /v1/evidence. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        answer(exchange);
      } catch (RuntimeException e) {
        // The JDK server would drop the connection without a word; say something instead.
        error(exchange, 500, "internal_error",
            "the local attestor failed: " + e.getClass().getName());
      }
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
      error(exchange, 404, "not_found", "the local attestor answers only POST " + PATH);
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      error(exchange, 405, "method_not_allowed", PATH + " takes POST only");
      return;
    }
    Request request;
    try {
      request = Request.parse(readBody(exchange));
    } catch (IllegalArgumentException e) {
      error(exchange, 400, "invalid_request", e.getMessage());
      return;
    }
    String evidence;
    try {
      evidence = attestor.evidence(
          request.ticket, request.nonce, request.jkt, Instant.now().getEpochSecond());
    } catch (LocalEvidenceException e) {
      if (e.reason() == LocalEvidenceException.Reason.UNTRUSTED) {
        error(exchange, 403, "local_attestor_refused", e.getMessage());
      } else {
        error(exchange, 400, "invalid_request", e.getMessage());
      }
      return;
    } catch (IllegalStateException e) {
      error(exchange, 503, "local_attestor_unavailable", e.getMessage());
      return;
    }
    send(exchange, 200, JsonObject.builder().put("evidence", evidence).build());
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > MAX_BODY) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        // The JDK server refuses malformed lengths itself; count while reading instead.
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (body.size() + n > MAX_BODY) {
          throw tooLarge();
        }
        body.write(buffer, 0, n);
      }
    }
    return body.toByteArray();
  }

  private static IllegalArgumentException tooLarge() {
    return new IllegalArgumentException("the body is over " + MAX_BODY + " bytes; send only"
        + " {\"ticket\", \"nonce\", \"jkt\"}");
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(exchange, status, JsonObject.builder().put("error", code).put("message", message).build());
  }

  private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
    byte[] json = JsonWriter.writeUtf8(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body
      return;
    }
    exchange.sendResponseHeaders(status, json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }

  /** The request body, read strictly; messages name fields, never values. */
  private static final class Request {
    String ticket;
    String nonce;
    String jkt;

    static Request parse(byte[] body) {
      JsonValue value;
      try {
        value = JsonReader.parse(body, 2, MAX_BODY);
      } catch (JsonReadException e) {
        throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
      }
      if (!(value instanceof JsonObject)) {
        throw new IllegalArgumentException("the body must be a JSON object " + FIELDS);
      }
      JsonObject object = (JsonObject) value;
      for (String name : object.members().keySet()) {
        if (!FIELDS.contains(name)) {
          throw new IllegalArgumentException(
              "unknown field '" + SafeName.of(name) + "'; the body has exactly " + FIELDS);
        }
      }
      Request request = new Request();
      request.ticket = text(object, "ticket");
      request.nonce = text(object, "nonce");
      request.jkt = text(object, "jkt");
      return request;
    }

    private static String text(JsonObject object, String field) {
      JsonValue value = object.get(field);
      if (!(value instanceof JsonString)) {
        throw new IllegalArgumentException("'" + field + "' must be a string; the body has "
            + "exactly " + FIELDS);
      }
      return ((JsonString) value).value();
    }
  }

  private static final class DaemonThreads implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "tether-local-attestor-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
