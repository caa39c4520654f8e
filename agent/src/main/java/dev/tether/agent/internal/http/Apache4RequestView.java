package dev.tether.agent.internal.http;

import java.lang.reflect.Method;
import java.net.URI;

/**
 * An Apache HttpClient 4 request ({@code org.apache.http.HttpRequest}): without a target, the
 * client derives one from an absolute request URI, and so does this view.
 */
final class Apache4RequestView extends ApacheRequestView {

  private static final String URI_REQUEST = "org.apache.http.client.methods.HttpUriRequest";
  private static final String HTTP_CONTEXT = "org.apache.http.protocol.HttpContext";
  /** Where both 4.x clients keep the target host ({@code HttpCoreContext.HTTP_TARGET_HOST}). */
  private static final String TARGET_HOST = "http.target_host";

  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods extends MessageMethods {
    final Class<?> uriRequest;
    final Method uri;
    final Method contextAttribute;

    Methods(Class<?> type) {
      super(type, "org.apache.http.", "org.apache.http.Header", String.class);
      uri = Reflective.method(type, URI_REQUEST, "getURI");
      uriRequest = uri.getDeclaringClass();
      contextAttribute = Reflective.method(type, HTTP_CONTEXT, "getAttribute", String.class);
    }
  }

  /**
   * A request as the client writes it: its URI is relative by then, and the target host is in the
   * execution's {@code httpContext}, read only if the host is asked for.
   */
  static Apache4RequestView sending(Object request, Object httpContext) {
    Apache4RequestView view = new Apache4RequestView(request, null);
    view.httpContext = httpContext;
    return view;
  }

  private Object httpContext;
  private Object targetInContext;

  @Override
  Object target() {
    if (httpContext != null && targetInContext == null) {
      targetInContext = Reflective.call(methods.contextAttribute, httpContext, TARGET_HOST);
    }
    return targetInContext != null ? targetInContext : super.target();
  }

  private final Methods methods;

  Apache4RequestView(Object request, Object target) {
    this(request, target, METHODS.get(request.getClass()));
  }

  private Apache4RequestView(Object request, Object target, Methods methods) {
    super(request, target, methods);
    this.methods = methods;
  }

  @Override
  String requestScheme() {
    URI uri = uri();
    return uri == null ? null : uri.getScheme();
  }

  @Override
  String requestHost() {
    URI uri = uri();
    return uri == null ? null : uri.getHost();
  }

  @Override
  int requestPort() {
    URI uri = uri();
    return uri == null ? -1 : uri.getPort();
  }

  /** Read once for the scheme, host and port; the view lives for one decision. */
  private URI uri;
  private boolean uriRead;

  private URI uri() {
    if (!uriRead) {
      uri = methods.uriRequest.isInstance(request)
          ? (URI) Reflective.call(methods.uri, request)
          : null;
      uriRead = true;
    }
    return uri;
  }
}
