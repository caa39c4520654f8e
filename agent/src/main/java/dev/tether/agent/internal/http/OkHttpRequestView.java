package dev.tether.agent.internal.http;

import java.lang.reflect.Method;

/** An {@code okhttp3.Request} (OkHttp 3, 4 and 5): immutable, so a token means a copy. */
final class OkHttpRequestView implements HttpRequestView {

  private static final String REQUEST = "okhttp3.Request";
  private static final String URL = "okhttp3.HttpUrl";
  private static final String BUILDER = "okhttp3.Request$Builder";

  /** The library's methods, per request class (one per OkHttp the application loaded). */
  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods {
    final Method url;
    final Method header;
    final Method headers;
    final Method newBuilder;
    final Method scheme;
    final Method host;
    final Method port;
    final Method setHeader;
    final Method removeHeader;
    final Method build;

    Methods(Class<?> type) {
      url = Reflective.method(type, REQUEST, "url");
      header = Reflective.method(type, REQUEST, "header", String.class);
      headers = Reflective.method(type, REQUEST, "headers", String.class);
      newBuilder = Reflective.method(type, REQUEST, "newBuilder");
      scheme = Reflective.method(type, URL, "scheme");
      host = Reflective.method(type, URL, "host");
      port = Reflective.method(type, URL, "port");
      setHeader = Reflective.method(type, BUILDER, "header", String.class, String.class);
      removeHeader = Reflective.method(type, BUILDER, "removeHeader", String.class);
      build = Reflective.method(type, BUILDER, "build");
    }
  }

  /** The request as changed so far: each change makes a new one. */
  private Object request;
  private final Methods methods;
  private Object url;

  OkHttpRequestView(Object request) {
    this.request = request;
    this.methods = METHODS.get(request.getClass());
  }

  @Override
  public String scheme() {
    return HttpRequestView.lower((String) Reflective.call(methods.scheme, url()));
  }

  @Override
  public String host() {
    return HttpRequestView.lower((String) Reflective.call(methods.host, url()));
  }

  @Override
  public int port() {
    return (Integer) Reflective.call(methods.port, url());
  }

  @Override
  public boolean awsSigned() {
    return HttpRequestView.isSigV4(
        (String) Reflective.call(methods.header, request, "Authorization"));
  }

  @Override
  public String header(String name) {
    return (String) Reflective.call(methods.header, request, name);
  }

  @Override
  public String onlyValue(String name) {
    java.util.List<?> values = (java.util.List<?>) Reflective.call(methods.headers, request, name);
    return values.size() == 1 ? (String) values.get(0) : null;
  }

  @Override
  public Object withHeader(String header, String value, String[] removed) {
    Object builder = Reflective.call(methods.newBuilder, request);
    Reflective.call(methods.setHeader, builder, header, value); // replaces the header's values
    for (String name : removed) {
      Reflective.call(methods.removeHeader, builder, name);
    }
    request = Reflective.call(methods.build, builder);
    return request;
  }

  @Override
  public Object withoutHeader(String name) {
    Object builder = Reflective.call(methods.newBuilder, request);
    Reflective.call(methods.removeHeader, builder, name);
    request = Reflective.call(methods.build, builder);
    return request;
  }

  private Object url() {
    Object url = this.url;
    if (url == null) {
      url = Reflective.call(methods.url, request);
      this.url = url;
    }
    return url;
  }
}
