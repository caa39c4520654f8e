package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Vault responses: JSON wire records, {@link VaultError}s, and STS XML. */
public final class Responses {

  private Responses() {}

  public static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", WireJson.write(body));
  }

  public static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    json(exchange, status, new VaultError(code, message));
  }

  public static void xml(HttpExchange exchange, int status, String xml) throws IOException {
    send(exchange, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // Answers may carry credentials: never cache them anywhere.
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
