package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Handles one route; the {@link Router} has already checked path, method, headers, query string
 * and media type against {@link #accepts()}.
 */
@FunctionalInterface
public interface Endpoint {
  void handle(HttpExchange exchange) throws IOException;

  /** What the route takes; by default nothing (a GET: no body, no query string). */
  default Accepts accepts() {
    return Accepts.NOTHING;
  }
}
