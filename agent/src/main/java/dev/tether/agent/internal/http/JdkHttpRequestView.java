package dev.tether.agent.internal.http;

import java.net.URI;
import java.net.http.HttpRequest;

/** A {@code java.net.http.HttpRequest}: immutable, so a token means another request. */
final class JdkHttpRequestView implements HttpRequestView {

  private final HttpRequest request;

  JdkHttpRequestView(HttpRequest request) {
    this.request = request;
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
    return HttpRequestView.isSigV4(request.headers().firstValue("Authorization").orElse(null));
  }

  @Override
  public Object withHeader(String header, String value) {
    return new HeaderReplacedRequest(request, header, value);
  }
}
