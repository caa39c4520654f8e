package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tether.core.wire.VaultError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dispatches on exact path and method (the JDK server matches contexts by prefix, which would let
 * {@code /healthz/x} in), after the checks every request passes ({@link RequestChecks}): headers
 * over their limit get 431, unknown paths 404, wrong methods 405 with {@code Allow}, a query
 * string or body the route does not take 400, another media type 415. An unexpected failure gets
 * a 500 without details: its message could quote the request.
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

  /** Every route served, as {@code METHOD /path}, in the order they were added. */
  public List<String> routes() {
    List<String> all = new ArrayList<>();
    routes.forEach((path, byMethod) -> byMethod.keySet().forEach(m -> all.add(m + " " + path)));
    return all;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      dispatch(exchange);
    } finally {
      Bodies.forget();
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    Endpoint endpoint;
    try {
      endpoint = endpoint(exchange, path);
    } catch (RequestRejected rejected) {
      Responses.error(exchange, rejected.status(), rejected.code(), rejected.getMessage());
      return;
    }
    if (endpoint == null) {
      return; // answered: 404 or 405
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

  /** The endpoint for the exchange, once it passed the checks; {@code null} once answered. */
  private Endpoint endpoint(HttpExchange exchange, String path)
      throws IOException, RequestRejected {
    RequestChecks.checkHeaders(exchange.getRequestHeaders());
    Map<String, Endpoint> byMethod = routes.get(path);
    if (byMethod == null) {
      String reason = notHere.get(path);
      Responses.error(
          exchange,
          404,
          "not_found",
          reason != null
              ? reason
              : "no such endpoint " + printable(path) + "; the Vault serves "
                  + String.join(", ", routes()));
      return null;
    }
    String method = exchange.getRequestMethod();
    Endpoint endpoint = byMethod.get(method);
    if (endpoint == null) {
      String allowed = String.join(", ", byMethod.keySet());
      exchange.getResponseHeaders().set("Allow", allowed);
      Responses.error(
          exchange,
          405,
          "method_not_allowed",
          printable(method) + " is not allowed on " + path + "; use " + allowed);
      return null;
    }
    RequestChecks.check(
        method + " " + path,
        endpoint.accepts(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders());
    return endpoint;
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
