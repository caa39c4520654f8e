package dev.tether.agent.internal.http;

import dev.tether.bootstrap.HttpMessageAccess;

/**
 * An {@code okhttp3.Request} (OkHttp 3, 4 and 5): immutable, so a token means a copy. Read and
 * copied through the helper defined beside the application's OkHttp ({@link HttpMessageAccess}).
 */
final class OkHttpRequestView implements HttpRequestView {

  private final HttpMessageAccess access;
  /** The request as changed so far: each change makes a new one. */
  private Object request;

  OkHttpRequestView(HttpMessageAccess access, Object request) {
    this.access = access;
    this.request = request;
  }

  @Override
  public String scheme() {
    return HttpRequestView.lower(access.requestScheme(request));
  }

  @Override
  public String host() {
    return HttpRequestView.lower(access.requestHost(request));
  }

  @Override
  public int port() {
    return access.requestPort(request);
  }

  @Override
  public boolean awsSigned() {
    return HttpRequestView.isSigV4(access.header(request, "Authorization"));
  }

  @Override
  public String header(String name) {
    return access.header(request, name);
  }

  @Override
  public String onlyValue(String name) {
    return access.onlyValue(request, name);
  }

  @Override
  public Object withHeader(String header, String value, String[] removed) {
    request = access.withHeader(request, header, value, removed);
    return request;
  }

  @Override
  public Object withoutHeader(String name) {
    request = access.withoutHeader(request, name);
    return request;
  }
}
