package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Handles one route; the {@link Router} has already checked path and method. */
@FunctionalInterface
public interface Endpoint {
  void handle(HttpExchange exchange) throws IOException;
}
