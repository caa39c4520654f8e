package dev.tether.vault.internal.exchange.sts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that answers each POST with the next of its scripted answers (the last one
 * repeating), for answers no real STS gives: malformed, oversized, throttled, failing.
 */
final class ScriptedServer implements AutoCloseable {

  record Scripted(int status, String body) {}

  private final HttpServer server;
  private final List<Scripted> answers;
  private final AtomicInteger requests = new AtomicInteger();
  final List<String> bodies = new CopyOnWriteArrayList<>();

  ScriptedServer(Scripted... answers) {
    this.answers = List.of(answers);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int n = requests.getAndIncrement();
      Scripted answer = this.answers.get(Math.min(n, this.answers.size() - 1));
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
