package dev.tether.agent.internal.http;

import dev.tether.bootstrap.HttpHooks;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

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
    // The application's request without its headers, then the ones the client would copy.
    HttpRequest.Builder sent = HttpRequest.newBuilder(application, (name, value) -> false);
    ((Map<String, List<String>>) headers)
        .forEach((name, values) -> values.forEach(value -> sent.header(name, value)));
    return sent.build();
  }
}
