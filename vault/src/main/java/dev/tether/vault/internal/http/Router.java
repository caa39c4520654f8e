package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tether.core.wire.VaultError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dispatches on exact path and method (the JDK server matches contexts by prefix, which would let
 * {@code /healthzX} in). Unknown paths get 404, wrong methods 405, and an unexpected failure a 500
 * without details: its message could quote the request.
 */
public final class Router implements HttpHandler {

  private static final System.Logger LOG = System.getLogger("dev.tether.vault");

  private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();
  private final Map<String, String> notHere = new TreeMap<>();

  public Router route(String method, String path, Endpoint endpoint) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, endpoint);
    return this;
  }

  /** A path this Vault knows but does not serve, with the reason to give callers. */
  public Router unavailable(String path, String reason) {
    notHere.put(path, reason);
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      Map<String, Endpoint> byMethod = routes.get(path);
      if (byMethod == null) {
        String reason = notHere.get(path);
        Responses.error(
            exchange,
            404,
            "not_found",
            reason != null
                ? reason
                : "no such endpoint "
                    + printable(path)
                    + "; the Vault serves POST /v1/grants, POST /v1/tasks,"
                    + " POST /v1/aws/credentials, GET /v1/issuances, GET /healthz and, in local"
                    + " mode, POST /sts");
        return;
      }
      Endpoint endpoint = byMethod.get(exchange.getRequestMethod());
      if (endpoint == null) {
        String allowed = String.join(", ", byMethod.keySet());
        exchange.getResponseHeaders().set("Allow", allowed);
        Responses.error(
            exchange,
            405,
            "method_not_allowed",
            exchange.getRequestMethod() + " is not allowed on " + path + "; use " + allowed);
        return;
      }
      try {
        endpoint.handle(exchange);
      } catch (IOException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "unexpected failure on " + path, e);
        if (exchange.getResponseCode() == -1) {
          Responses.error(
              exchange,
              500,
              VaultError.INTERNAL,
              "the Vault failed unexpectedly ("
                  + e.getClass().getSimpleName()
                  + "); retry, and"
                  + " report it if it persists");
        }
      }
    }
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 100; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
