package dev.tether.agent.internal.http;

import dev.tether.bootstrap.ApacheMessageAccess;

/**
 * An Apache HttpClient 4 or 5 request: mutable, its headers set in place, read and changed through
 * the helper defined beside the application's library ({@link ApacheMessageAccess}). The client's
 * separate target host wins over the request's own address when given, as it does in the client;
 * without one, the request's absolute URI (4) or its scheme and authority (5) say where it goes.
 */
final class ApacheRequestView implements HttpRequestView {

  /** Where both 4.x clients keep the target host ({@code HttpCoreContext.HTTP_TARGET_HOST}). */
  private static final String TARGET_HOST = "http.target_host";

  private final ApacheMessageAccess access;
  private final Object request;
  private Object target;
  /** Apache 4's execution, as the request is written: the target host is read from it if asked. */
  private Object httpContext;

  ApacheRequestView(ApacheMessageAccess access, Object request, Object target) {
    this.access = access;
    this.request = request;
    this.target = target;
  }

  /**
   * An Apache 4 request as the client writes it: its URI is relative by then, and the target host
   * is in the execution's {@code httpContext}, read only if the host is asked for.
   */
  static ApacheRequestView sending(ApacheMessageAccess access, Object request, Object httpContext) {
    ApacheRequestView view = new ApacheRequestView(access, request, null);
    view.httpContext = httpContext;
    return view;
  }

  /** The client's target host ({@code HttpHost}), or {@code null} when it gave none. */
  private Object target() {
    if (target == null && httpContext != null) {
      target = access.contextAttribute(httpContext, TARGET_HOST);
      httpContext = null;
    }
    return target;
  }

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
      read = HttpRequestView.lower(
          target != null ? access.targetScheme(target) : access.requestScheme(request));
      scheme = read;
    }
    return read;
  }

  @Override
  public String host() {
    Object target = target();
    return HttpRequestView.lower(
        target != null ? access.targetHost(target) : access.requestHost(request));
  }

  @Override
  public int port() {
    Object target = target();
    int written = target != null ? access.targetPort(target) : access.requestPort(request);
    return HttpRequestView.port(written, scheme());
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
  public Object withoutHeader(String name) {
    return access.withoutHeader(request, name);
  }

  @Override
  public Object withHeader(String header, String value, String[] removed) {
    return access.withHeader(request, header, value, removed);
  }
}
