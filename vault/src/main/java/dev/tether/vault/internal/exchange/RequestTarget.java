package dev.tether.vault.internal.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.tether.core.pop.PopProofs;

/**
 * What a proof of possession must be about: the request's method and URL as the client addressed
 * it ({@code http://<Host header><path>}, {@code https://} when the Vault serves TLS), and the
 * proof the request carried.
 */
public record RequestTarget(String method, String url, String proof) {

  static RequestTarget of(HttpExchange http) {
    String host = http.getRequestHeaders().getFirst("Host");
    String path = http.getRequestURI().getRawPath();
    return new RequestTarget(
        http.getRequestMethod(),
        (http instanceof HttpsExchange ? "https://" : "http://") + (host == null ? "" : host)
            + path,
        http.getRequestHeaders().getFirst(PopProofs.HEADER));
  }
}
