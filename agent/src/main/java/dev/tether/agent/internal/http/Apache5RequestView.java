package dev.tether.agent.internal.http;

import java.lang.reflect.Method;

/**
 * An Apache HttpClient 5 request ({@code org.apache.hc.core5.http.HttpRequest}, mutable) with the
 * client's separate target, which wins when given, as it does in the client.
 */
final class Apache5RequestView implements HttpRequestView {

  private static final String REQUEST = "org.apache.hc.core5.http.HttpRequest";
  private static final String MESSAGE = "org.apache.hc.core5.http.HttpMessage";
  private static final String HEADER = "org.apache.hc.core5.http.NameValuePair";
  private static final String AUTHORITY = "org.apache.hc.core5.net.URIAuthority";
  private static final String HOST = "org.apache.hc.core5.http.HttpHost";

  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods {
    final Method scheme;
    final Method authority;
    final Method authorityHost;
    final Method firstHeader;
    final Method headerValue;
    final Method setHeader;
    final Method targetScheme;
    final Method targetHost;
    final Method targetPort;
    final Method authorityPort;

    Methods(Class<?> type) {
      scheme = Reflective.method(type, REQUEST, "getScheme");
      authority = Reflective.method(type, REQUEST, "getAuthority");
      authorityHost = Reflective.method(type, AUTHORITY, "getHostName");
      firstHeader = Reflective.method(type, MESSAGE, "getFirstHeader", String.class);
      headerValue = Reflective.method(type, HEADER, "getValue");
      setHeader = Reflective.method(type, MESSAGE, "setHeader", String.class, Object.class);
      targetScheme = Reflective.method(type, HOST, "getSchemeName");
      targetHost = Reflective.method(type, HOST, "getHostName");
      targetPort = Reflective.method(type, HOST, "getPort");
      authorityPort = Reflective.method(type, AUTHORITY, "getPort");
    }
  }

  private final Object request;
  private final Object target;
  private final Methods methods;

  Apache5RequestView(Object request, Object target) {
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
    return HttpRequestView.lower((String) (target != null
        ? Reflective.call(methods.targetScheme, target)
        : Reflective.call(methods.scheme, request)));
  }

  @Override
  public String host() {
    if (target != null) {
      return HttpRequestView.lower((String) Reflective.call(methods.targetHost, target));
    }
    Object authority = Reflective.call(methods.authority, request);
    return authority == null
        ? null
        : HttpRequestView.lower((String) Reflective.call(methods.authorityHost, authority));
  }

  @Override
  public int port() {
    int written;
    if (target != null) {
      written = (Integer) Reflective.call(methods.targetPort, target);
    } else {
      Object authority = Reflective.call(methods.authority, request);
      written = authority == null ? -1 : (Integer) Reflective.call(methods.authorityPort, authority);
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
}
