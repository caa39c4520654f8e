package dev.tether.vault.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes Vault responses: JSON wire records, {@link VaultError}s, and STS XML. */
public final class Responses {

  private Responses() {}

  /**
   * Sends {@code body} as JSON: wire records through core's {@link WireJson}, anything else (the
   * issuance list, the health answer) through Jackson with the same conventions (snake_case names,
   * {@link Instant} as an ISO-8601 string).
   */
  private static final String WIRE_PACKAGE = VaultError.class.getPackageName();

  public static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] json =
        body.getClass().getPackageName().equals(WIRE_PACKAGE)
            ? WireJson.write(body)
            : Listings.write(body);
    send(exchange, status, "application/json", json);
  }

  public static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    json(exchange, status, new VaultError(code, message));
  }

  public static void xml(HttpExchange exchange, int status, String xml) throws IOException {
    send(exchange, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  // A holder, so a Vault that only exchanges credentials never builds the mapper.
  private static final class Listings {
    private static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(
                new SimpleModule("tether-instant")
                    .addSerializer(Instant.class, ToStringSerializer.instance))
            .build();

    static byte[] write(Object body) throws JsonProcessingException {
      return MAPPER.writeValueAsBytes(body);
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // Answers may carry credentials: never cache them anywhere.
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (Bodies.discardUnread(exchange)) {
      // The JDK server closes a connection whose request body was not read to its end; saying
      // so keeps clients from sending their next request on it.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
