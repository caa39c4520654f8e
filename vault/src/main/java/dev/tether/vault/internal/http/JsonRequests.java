package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.WireFormatException;
import dev.tether.core.wire.WireJson;
import java.io.IOException;

/**
 * Decodes the body of a JSON endpoint into its wire record, or refuses it with a 4xx naming what
 * was wrong: a body over {@link Bodies#LIMIT} (413, counted while reading), malformed JSON,
 * unknown, missing or duplicate fields, wrong types (core's strict {@link WireJson}), and the
 * Vault's own {@link RequestRules} (400). Nothing has been stored when it refuses: endpoints act
 * only on what it returns.
 */
public final class JsonRequests {

  private JsonRequests() {}

  /** Reads the exchange's body, at most {@link Bodies#LIMIT} bytes, as a {@code type}. */
  public static <Q> Q read(HttpExchange exchange, Class<Q> type)
      throws IOException, RequestRejected {
    return decode(Bodies.readOrReject(exchange), type);
  }

  /**
   * Decodes {@code body} as a {@code type}.
   *
   * @throws RequestRejected 400 {@code invalid_request}, with core's message (field, line and
   *     column, never a value) or a rule's
   * @throws IllegalArgumentException if {@code type} is not a wire record
   */
  public static <Q> Q decode(byte[] body, Class<Q> type) throws RequestRejected {
    if (body.length > Bodies.LIMIT) {
      throw Bodies.tooLarge();
    }
    Q request;
    try {
      request = WireJson.read(body, type);
    } catch (WireFormatException e) {
      throw RequestRejected.invalid(e.getMessage());
    }
    RequestRules.check(request);
    return request;
  }
}
