package dev.tether.agent.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the guard keeps for one tool call: the last destination it admitted, and the header values
 * it gave out, so that a client carrying one of them to the next hop of a redirect or retry is
 * caught there.
 */
final class HttpCallState {

  /** Enough for the hops in flight: a client carries a value to the hop right after it. */
  private static final int GIVEN_KEPT = 64;

  /**
   * A destination the call's egress list admits, with its API route (or none): a tool calls the
   * same host again and again, and this spares the list and the lookup.
   */
  static final class Destination {
    final String host;
    final int port;
    final ApiRoutes.Route route;

    Destination(String host, int port, ApiRoutes.Route route) {
      this.host = host;
      this.port = port;
      this.route = route;
    }

    boolean is(String otherHost, int otherPort) {
      return port == otherPort && host.equals(otherHost);
    }
  }

  volatile Destination last;

  /** Header value → the API it was given for; the least recently given forgotten first. */
  private final Map<String, ApiRoutes.Route> given =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ApiRoutes.Route> eldest) {
          return size() > GIVEN_KEPT;
        }
      };

  /** A header value and the API it was given for. */
  private static final class Given {
    final String value;
    final ApiRoutes.Route route;

    Given(String value, ApiRoutes.Route route) {
      this.value = value;
      this.route = route;
    }
  }

  /** The value given last: a kept token is given again and again, and needs no second entry. */
  private volatile Given lastGiven;

  void gave(String headerValue, ApiRoutes.Route route) {
    Given last = lastGiven;
    if (last != null && last.value == headerValue && last.route == route) {
      return; // the same kept token (the same instance, from the call's cache) as last time
    }
    synchronized (this) {
      given.put(headerValue, route);
    }
    lastGiven = new Given(headerValue, route);
  }

  /**
   * Whether the value given last is the only value of its API's header in {@code request}, which
   * carries none of the headers that API's requests go without: one header read for most APIs,
   * no lock.
   */
  boolean lastGivenIsIn(HttpRequestView request) {
    Given last = lastGiven;
    return last != null && last.value.equals(request.onlyValue(last.route.api.header()))
        && !request.carriesAny(last.route.removedHeaders);
  }

  /**
   * Whether {@code headerValue} was given in this call for {@code route}: the value given last
   * is compared first, without the lock, as a request is mostly sent right after it is decided.
   */
  boolean wasGiven(String headerValue, ApiRoutes.Route route) {
    if (headerValue == null) {
      return false;
    }
    Given last = lastGiven;
    if (last != null && last.route == route && headerValue.equals(last.value)) {
      return true;
    }
    return givenFor(headerValue) == route;
  }

  /** The API {@code headerValue} was given for in this call, or {@code null} if it was not given. */
  synchronized ApiRoutes.Route givenFor(String headerValue) {
    return headerValue == null ? null : given.get(headerValue);
  }
}
