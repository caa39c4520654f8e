package dev.tether.vault.internal.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.tether.core.pop.PopProofs;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a proof of possession must be about: the request's method and URL as the client addressed
 * it ({@code http://<Host header><path>}, {@code https://} when the Vault serves TLS), and the
 * proof the request carried.
 *
 * @param confidential whether nobody between the client and the Vault can read the answer: the
 *     request came over TLS, or from this machine's loopback interface. Only then does the Vault
 *     hand out a secret the workload proves with (a session proof key).
 */
public record RequestTarget(String method, String url, String proof, boolean confidential) {

  /** A request over a channel that others may read. */
  public RequestTarget(String method, String url, String proof) {
    this(method, url, proof, false);
  }

  static RequestTarget of(HttpExchange http) {
    String host = http.getRequestHeaders().getFirst("Host");
    String path = http.getRequestURI().getRawPath();
    boolean tls = http instanceof HttpsExchange;
    return new RequestTarget(
        http.getRequestMethod(),
        (tls ? "https://" : "http://") + (host == null ? "" : host) + path,
        http.getRequestHeaders().getFirst(PopProofs.HEADER),
        tls || fromLoopback(http.getRemoteAddress()));
  }

  static boolean fromLoopback(InetSocketAddress remote) {
    InetAddress address = remote == null ? null : remote.getAddress();
    return address != null && address.isLoopbackAddress();
  }
}
