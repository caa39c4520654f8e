package dev.tether.agent.internal.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * A {@code java.net.http.HttpRequest}: immutable, so a token goes into the copy of its headers the
 * client makes as it takes the request ({@link ReplacedHeaders}). The request the client makes
 * itself for a redirect (or an authentication retry) is copied from the one before, headers and
 * all, and never passes there: its headers cannot change.
 */
final class JdkHttpRequestView implements HttpRequestView {

  private final HttpRequest request;
  /** The headers the client is copying; {@code null} for a request the client made itself. */
  private final Map<String, List<String>> copying;

  private JdkHttpRequestView(HttpRequest request, Map<String, List<String>> copying) {
    this.request = request;
    this.copying = copying;
  }

  /**
   * The application's request, as the client copies {@code headers}, its {@code headers().map()}
   * ({@code null}: the request's own).
   */
  @SuppressWarnings("unchecked")
  static JdkHttpRequestView copying(HttpRequest request, Object headers) {
    return new JdkHttpRequestView(request,
        headers != null ? (Map<String, List<String>>) headers : request.headers().map());
  }

  /** A request the client made itself: checked only. */
  static JdkHttpRequestView clientMade(HttpRequest request) {
    return new JdkHttpRequestView(request, null);
  }

  @Override
  public String scheme() {
    return HttpRequestView.lower(request.uri().getScheme());
  }

  @Override
  public String host() {
    URI uri = request.uri();
    return HttpRequestView.lower(uri.getHost());
  }

  @Override
  public int port() {
    return HttpRequestView.port(request.uri().getPort(), request.uri().getScheme());
  }

  @Override
  public boolean awsSigned() {
    return HttpRequestView.isSigV4(header("Authorization"));
  }

  /** {@code allValues}, not {@code firstValue}, which builds a stream for it on every call. */
  @Override
  public String header(String name) {
    List<String> values = request.headers().allValues(name);
    return values.isEmpty() ? null : values.get(0);
  }

  @Override
  public String onlyValue(String name) {
    List<String> values = request.headers().allValues(name);
    return values.size() == 1 ? values.get(0) : null;
  }

  @Override
  public boolean canChangeHeaders() {
    return copying != null;
  }

  @Override
  public Object withoutHeader(String name) {
    throw new UnsupportedOperationException("the JDK client's requests are changed as copied only");
  }

  /** The headers for the client to copy instead of the request's own. */
  @Override
  public Object withHeader(String header, String value, String[] removed) {
    return new ReplacedHeaders(copying, header, value, removed);
  }
}
