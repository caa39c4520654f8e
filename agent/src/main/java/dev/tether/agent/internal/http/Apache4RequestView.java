package dev.tether.agent.internal.http;

import java.lang.reflect.Method;
import java.net.URI;

/**
 * An Apache HttpClient 4 request ({@code org.apache.http.HttpRequest}, mutable) with the client's
 * target, which the client derives from an absolute request URI when the caller gives none.
 */
final class Apache4RequestView implements HttpRequestView {

  private static final String MESSAGE = "org.apache.http.HttpMessage";
  private static final String HEADER = "org.apache.http.Header";
  private static final String URI_REQUEST = "org.apache.http.client.methods.HttpUriRequest";
  private static final String HOST = "org.apache.http.HttpHost";

  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods {
    final Class<?> uriRequest;
    final Method uri;
    final Method firstHeader;
    final Method headerValue;
    final Method setHeader;
    final Method targetScheme;
    final Method targetHost;
    final Method targetPort;

    Methods(Class<?> type) {
      uri = Reflective.method(type, URI_REQUEST, "getURI");
      uriRequest = uri.getDeclaringClass();
      firstHeader = Reflective.method(type, MESSAGE, "getFirstHeader", String.class);
      headerValue = Reflective.method(type, HEADER, "getValue");
      setHeader = Reflective.method(type, MESSAGE, "setHeader", String.class, String.class);
      targetScheme = Reflective.method(type, HOST, "getSchemeName");
      targetHost = Reflective.method(type, HOST, "getHostName");
      targetPort = Reflective.method(type, HOST, "getPort");
    }
  }

  private final Object request;
  private final Object target;
  private final Methods methods;

  Apache4RequestView(Object request, Object target) {
    this.request = request;
    this.target = target;
    this.methods = METHODS.get(request.getClass());
  }

  @Override
  public boolean carriesAwsSdkRequests() {
    return true;
  }

  @Override
  public String scheme() {
    if (target != null) {
      return HttpRequestView.lower((String) Reflective.call(methods.targetScheme, target));
    }
    URI uri = uri();
    return uri == null ? null : HttpRequestView.lower(uri.getScheme());
  }

  @Override
  public String host() {
    if (target != null) {
      return HttpRequestView.lower((String) Reflective.call(methods.targetHost, target));
    }
    URI uri = uri();
    return uri == null ? null : HttpRequestView.lower(uri.getHost());
  }

  @Override
  public int port() {
    int written;
    if (target != null) {
      written = (Integer) Reflective.call(methods.targetPort, target);
    } else {
      URI uri = uri();
      written = uri == null ? -1 : uri.getPort();
    }
    return HttpRequestView.port(written, scheme());
  }

  @Override
  public boolean awsSigned() {
    Object header = Reflective.call(methods.firstHeader, request, "Authorization");
    return header != null
        && HttpRequestView.isSigV4((String) Reflective.call(methods.headerValue, header));
  }

  @Override
  public Object withHeader(String header, String value) {
    Reflective.call(methods.setHeader, request, header, value); // replaces the header's values
    return request;
  }

  private URI uri() {
    return methods.uriRequest.isInstance(request)
        ? (URI) Reflective.call(methods.uri, request)
        : null;
  }
}
