package dev.tether.agent.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The application's {@code java.net.http.HttpRequest} with one header set to Tether's value (any
 * value the application gave it, in any letter case, replaced) and some others left out,
 * everything else read from the original. Cheaper than {@code HttpRequest.newBuilder(request,
 * filter)}, which validates and copies every header twice; the client copies and validates them
 * once more when it sends.
 */
final class HeaderReplacedRequest extends HttpRequest {

  private static final BiPredicate<String, String> KEEP = new KeepAll();

  private final HttpRequest request;
  private final HttpHeaders headers;

  HeaderReplacedRequest(HttpRequest request, String header, String value, String[] removed) {
    this.request = request;
    this.headers =
        HttpHeaders.of(new Replaced(request.headers().map(), header, value, removed), KEEP);
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

  /**
   * The original headers with {@code header}'s values (in any letter case) replaced and those of
   * {@code removed} left out, read once by {@code HttpHeaders.of}, which copies them into its own
   * map: no copy of ours in between.
   */
  private static final class Replaced extends AbstractMap<String, List<String>> {

    private final Map<String, List<String>> original;
    private final String header;
    private final List<String> value;
    private final String[] removed;

    Replaced(Map<String, List<String>> original, String header, String value, String[] removed) {
      this.original = original;
      this.header = header;
      this.value = List.of(value);
      this.removed = removed;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
      for (Map.Entry<String, List<String>> entry : original.entrySet()) {
        if (!entry.getKey().equalsIgnoreCase(header) && !isRemoved(entry.getKey())) {
          action.accept(entry.getKey(), entry.getValue());
        }
      }
      action.accept(header, value);
    }

    private boolean isRemoved(String name) {
      for (String other : removed) {
        if (name.equalsIgnoreCase(other)) {
          return true;
        }
      }
      return false;
    }

    /** For any reader other than {@code forEach}: the same entries, copied. */
    @Override
    public Set<Map.Entry<String, List<String>>> entrySet() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      forEach(copy::put);
      return copy.entrySet();
    }
  }

  /** A named class rather than a lambda: each lambda is a class spun at run time. */
  private static final class KeepAll implements BiPredicate<String, String> {
    @Override
    public boolean test(String name, String value) {
      return true;
    }
  }
}
