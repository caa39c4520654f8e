package dev.tether.agent.internal.http;

import java.lang.reflect.Method;
import java.net.URI;

/**
 * An Apache HttpClient 4 request ({@code org.apache.http.HttpRequest}): without a target, the
 * client derives one from an absolute request URI, and so does this view.
 */
final class Apache4RequestView extends ApacheRequestView {

  private static final String URI_REQUEST = "org.apache.http.client.methods.HttpUriRequest";

  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods extends MessageMethods {
    final Class<?> uriRequest;
    final Method uri;

    Methods(Class<?> type) {
      super(type, "org.apache.http.", "org.apache.http.Header", String.class);
      uri = Reflective.method(type, URI_REQUEST, "getURI");
      uriRequest = uri.getDeclaringClass();
    }
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
