package dev.tether.agent.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The application's {@code java.net.http.HttpRequest} with one header set to Tether's value (any
 * value the application gave it, in any letter case, replaced), everything else read from the
 * original. Cheaper than {@code HttpRequest.newBuilder(request, filter)}, which validates and
 * copies every header twice; the client copies and validates them once more when it sends.
 */
final class HeaderReplacedRequest extends HttpRequest {

  private static final BiPredicate<String, String> KEEP = new KeepAll();

  private final HttpRequest request;
  private final HttpHeaders headers;

  HeaderReplacedRequest(HttpRequest request, String header, String value) {
    this.request = request;
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(request.headers().map());
    map.remove(header); // the key may be spelt in another case than the one put below
    map.put(header, List.of(value));
    this.headers = HttpHeaders.of(map, KEEP);
  }

  @Override
  public Optional<BodyPublisher> bodyPublisher() {
    return request.bodyPublisher();
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public Optional<Duration> timeout() {
    return request.timeout();
  }

  @Override
  public boolean expectContinue() {
    return request.expectContinue();
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public Optional<HttpClient.Version> version() {
    return request.version();
  }

  @Override
  public HttpHeaders headers() {
    return headers;
  }

  /** As the JDK's own requests print: no header, so no token, ever. */
  @Override
  public String toString() {
    return request.uri() + " " + request.method();
  }

  /** A named class rather than a lambda: each lambda is a class spun at run time. */
  private static final class KeepAll implements BiPredicate<String, String> {
    @Override
    public boolean test(String name, String value) {
      return true;
    }
  }
}
