package dev.tether.agent.internal.http;

import java.lang.reflect.Method;

/**
 * What Apache HttpClient 4 and 5 share: a mutable request whose headers are set in place, and the
 * client's separate target host, which wins over the request's own address when given, as it does
 * in the client. The two differ only in package names and in where the request keeps its address.
 */
abstract class ApacheRequestView implements HttpRequestView {

  /** The message, header and host methods of one request class's library. */
  static class MessageMethods {
    final Method firstHeader;
    final Method lastHeader;
    final Method headerValue;
    final Method setHeader;
    final Method removeHeaders;
    final Method targetScheme;
    final Method targetHost;
    final Method targetPort;

    /**
     * @param core the library's core package with its dot ({@code org.apache.http.})
     * @param header the type whose {@code getValue} reads a header
     * @param headerValueType the second parameter of {@code HttpMessage.setHeader}
     */
    MessageMethods(Class<?> type, String core, String header, Class<?> headerValueType) {
      firstHeader = Reflective.method(type, core + "HttpMessage", "getFirstHeader", String.class);
      lastHeader = Reflective.method(type, core + "HttpMessage", "getLastHeader", String.class);
      headerValue = Reflective.method(type, header, "getValue");
      setHeader = Reflective.method(
          type, core + "HttpMessage", "setHeader", String.class, headerValueType);
      removeHeaders = Reflective.method(
          type, core + "HttpMessage", "removeHeaders", String.class);
      targetScheme = Reflective.method(type, core + "HttpHost", "getSchemeName");
      targetHost = Reflective.method(type, core + "HttpHost", "getHostName");
      targetPort = Reflective.method(type, core + "HttpHost", "getPort");
    }
  }

  final Object request;
  private final Object target;
  private final MessageMethods methods;

  ApacheRequestView(Object request, Object target, MessageMethods methods) {
    this.request = request;
    this.target = target;
    this.methods = methods;
  }

  /** The client's target host ({@code HttpHost}), or {@code null} when it gave none. */
  Object target() {
    return target;
  }

  /** The request's own scheme, or null when it names none. */
  abstract String requestScheme();

  /** The request's own host, or null when it names none. */
  abstract String requestHost();

  /** The request's own port, or -1. */
  abstract int requestPort();

  @Override
  public boolean carriesAwsSdkRequests() {
    return true;
  }

  @Override
  public boolean sentWhereDecided() {
    return true;
  }

  /** Read once: the guard asks for it twice (the port's default, then plain http or not). */
  private String scheme;

  @Override
  public String scheme() {
    String read = scheme;
    if (read == null) {
      Object target = target();
      read = HttpRequestView.lower(target != null
          ? (String) Reflective.call(methods.targetScheme, target)
          : requestScheme());
      scheme = read;
    }
    return read;
  }

  @Override
  public String host() {
    Object target = target();
    return HttpRequestView.lower(target != null
        ? (String) Reflective.call(methods.targetHost, target)
        : requestHost());
  }

  @Override
  public int port() {
    Object target = target();
    int written = target != null
        ? (Integer) Reflective.call(methods.targetPort, target)
        : requestPort();
    return HttpRequestView.port(written, scheme());
  }

  @Override
  public boolean awsSigned() {
    return HttpRequestView.isSigV4(header("Authorization"));
  }

  @Override
  public String header(String name) {
    Object header = Reflective.call(methods.firstHeader, request, name);
    return header == null ? null : (String) Reflective.call(methods.headerValue, header);
  }

  /**
   * One value when the first and the last header of that name are the same: two lookups that
   * allocate nothing, where {@code getHeaders} builds a list and an array.
   */
  @Override
  public String onlyValue(String name) {
    Object first = Reflective.call(methods.firstHeader, request, name);
    if (first == null || first != Reflective.call(methods.lastHeader, request, name)) {
      return null;
    }
    return (String) Reflective.call(methods.headerValue, first);
  }

  @Override
  public Object withoutHeader(String name) {
    Reflective.call(methods.removeHeaders, request, name);
    return request;
  }

  @Override
  public Object withHeader(String header, String value, String[] removed) {
    for (String name : removed) {
      Reflective.call(methods.removeHeaders, request, name);
    }
    // setHeader replaces the first value only: any other would be sent beside the token.
    Object first = Reflective.call(methods.firstHeader, request, header);
    if (first != null && first != Reflective.call(methods.lastHeader, request, header)) {
      Reflective.call(methods.removeHeaders, request, header);
    }
    Reflective.call(methods.setHeader, request, header, value);
    return request;
  }
}
