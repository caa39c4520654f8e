package dev.tether.agent.internal.http;

import dev.tether.bootstrap.HttpHooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the JDK client does with a request through Tether's hook: it copies the request's headers,
 * or those the guard answers with instead, and sends the copy. The request answered is the one
 * the client would send: the application's own when nothing changed.
 */
final class JdkClientCopy {

  private JdkClientCopy() {}

  @SuppressWarnings("unchecked")
  static Object decide(HttpRequestGuard guard, Object call, Object request) {
    HttpRequest application = (HttpRequest) request;
    Object headers = guard.decide(
        call, HttpHooks.JDK_HTTP_CLIENT, application, application.headers().map());
    if (headers == application) {
      return application;
    }
    return new Sent(application,
        HttpHeaders.of((Map<String, List<String>>) headers, (name, value) -> true));
  }

  /** The client's copy: the application's request with the headers copied. */
  private static final class Sent extends HttpRequest {
    private final HttpRequest request;
    private final HttpHeaders headers;

    Sent(HttpRequest request, HttpHeaders headers) {
      this.request = request;
      this.headers = headers;
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
      return request.bodyPublisher();
    }

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public Optional<Duration> timeout() {
      return request.timeout();
    }

    @Override
    public boolean expectContinue() {
      return request.expectContinue();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Optional<HttpClient.Version> version() {
      return request.version();
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }
  }
}
