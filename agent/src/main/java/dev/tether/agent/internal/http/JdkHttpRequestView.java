package dev.tether.agent.internal.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * A {@code java.net.http.HttpRequest}: immutable, so a token means another request. The request
 * the client makes itself for a redirect (or an authentication retry) is of its internal type,
 * which the client casts back to: that one cannot be replaced, so its headers cannot change.
 */
final class JdkHttpRequestView implements HttpRequestView {

  private final HttpRequest request;
  private final boolean clientMade;

  JdkHttpRequestView(HttpRequest request, boolean clientMade) {
    this.request = request;
    this.clientMade = clientMade;
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
    return !clientMade;
  }

  @Override
  public Object withoutHeader(String name) {
    throw new UnsupportedOperationException("the JDK client's requests are changed by copy only");
  }

  @Override
  public Object withHeader(String header, String value, String[] removed) {
    return new HeaderReplacedRequest(request, header, value, removed);
  }
}
