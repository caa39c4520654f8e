package dev.tether.vault.internal.http;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A Vault HTTP server in a JVM of its own (the JDK reads its server settings once per JVM): reads
 * each request's body and answers 200. Prints its port and the request time limit in force, then
 * serves until its standard input closes.
 */
public final class HttpServerProbe {

  private HttpServerProbe() {}

  public static void main(String[] args) throws Exception {
    try (HttpServers server =
        HttpServers.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            exchange -> {
              try (InputStream body = exchange.getRequestBody()) {
                byte[] read = body.readAllBytes();
                byte[] answer = ("read " + read.length).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
              } finally {
                exchange.close();
              }
            },
            2,
            "probe")) {
      System.out.println(
          "PORT " + server.port() + " LIMIT " + System.getProperty(HttpServers.REQUEST_TIME));
      System.out.flush();
      while (System.in.read() != -1) {
        // serve until the test closes our input
      }
    }
  }
}
