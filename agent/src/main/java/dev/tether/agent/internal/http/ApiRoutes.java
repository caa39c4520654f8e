package dev.tether.agent.internal.http;

import dev.tether.agent.internal.config.ApiConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured external APIs by host, with what the guard says about each prepared once: a
 * request's lookup builds no string.
 */
final class ApiRoutes {

  /** One API: its configuration and the texts the guard uses for it. */
  static final class Route {
    final ApiConfig api;
    /** {@link ApiConfig#port()}, read once: lookups compare it. */
    final int port;
    /** Key of the token the tool call keeps (time-boxed and GitHub tokens). */
    final String cacheKey;
    final String what;
    final String allowReason;
    /** {@link ApiConfig#removedHeaders()}: taken off every request that gets a token. */
    final String[] removedHeaders;

    Route(ApiConfig api) {
      this.api = api;
      this.port = api.port();
      this.cacheKey = api.token() + " " + api.host();
      this.what = api.token().equals(ApiConfig.GITHUB)
          ? "a GitHub token"
          : "a " + api.token() + " API token for " + api.host();
      this.allowReason = "a " + api.token() + " token in " + api.header();
      this.removedHeaders = api.removedHeaders().toArray(new String[0]);
    }
  }

  private final Map<String, Route[]> byHost = new HashMap<>();
  private final List<Route> gitHub = new ArrayList<>();
  private final List<String> headers = new ArrayList<>();

  ApiRoutes(List<ApiConfig> apis) {
    Map<String, List<Route>> grouped = new HashMap<>();
    for (ApiConfig api : apis) {
      grouped.computeIfAbsent(api.hostName(), h -> new ArrayList<>()).add(new Route(api));
    }
    grouped.forEach((host, routes) -> byHost.put(host, routes.toArray(new Route[0])));
    for (Route[] routes : byHost.values()) {
      for (Route route : routes) {
        if (route.api.token().equals(ApiConfig.GITHUB)) {
          gitHub.add(route);
        }
        if (headers.stream().noneMatch(route.api.header()::equalsIgnoreCase)) {
          headers.add(route.api.header());
        }
      }
    }
  }

  /** The APIs whose tokens are GitHub installation tokens: revoked when their tool call ends. */
  List<Route> gitHubRoutes() {
    return gitHub;
  }

  /** The headers the APIs' tokens go in, each name once. */
  List<String> headers() {
    return headers;
  }

  /** The API at {@code host} and {@code port}: an entry naming the port wins over one for the host. */
  Route find(String host, int port) {
    Route[] routes = byHost.get(host);
    if (routes == null) {
      return null;
    }
    Route anyPort = null;
    for (Route route : routes) {
      if (route.port == port) {
        return route;
      }
      if (route.port < 0) {
        anyPort = route;
      }
    }
    return anyPort;
  }
}
