package dev.tether.agent.internal.http;

import java.lang.reflect.Method;

/**
 * An Apache HttpClient 5 request ({@code org.apache.hc.core5.http.HttpRequest}), which keeps its
 * own scheme and authority.
 */
final class Apache5RequestView extends ApacheRequestView {

  private static final String REQUEST = "org.apache.hc.core5.http.HttpRequest";
  private static final String AUTHORITY = "org.apache.hc.core5.net.URIAuthority";

  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods extends MessageMethods {
    final Method scheme;
    final Method authority;
    final Method authorityHost;
    final Method authorityPort;

    Methods(Class<?> type) {
      super(type, "org.apache.hc.core5.http.", "org.apache.hc.core5.http.NameValuePair",
          Object.class);
      scheme = Reflective.method(type, REQUEST, "getScheme");
      authority = Reflective.method(type, REQUEST, "getAuthority");
      authorityHost = Reflective.method(type, AUTHORITY, "getHostName");
      authorityPort = Reflective.method(type, AUTHORITY, "getPort");
    }
  }

  private final Methods methods;

  Apache5RequestView(Object request, Object target) {
    this(request, target, METHODS.get(request.getClass()));
  }

  private Apache5RequestView(Object request, Object target, Methods methods) {
    super(request, target, methods);
    this.methods = methods;
  }

  @Override
  String requestScheme() {
    return (String) Reflective.call(methods.scheme, request);
  }

  @Override
  String requestHost() {
    Object authority = authority();
    return authority == null ? null : (String) Reflective.call(methods.authorityHost, authority);
  }

  @Override
  int requestPort() {
    Object authority = authority();
    return authority == null ? -1 : (Integer) Reflective.call(methods.authorityPort, authority);
  }

  /** Read once for the host and the port; the view lives for one decision. */
  private Object authority;
  private boolean authorityRead;

  private Object authority() {
    if (!authorityRead) {
      authority = Reflective.call(methods.authority, request);
      authorityRead = true;
    }
    return authority;
  }
}
