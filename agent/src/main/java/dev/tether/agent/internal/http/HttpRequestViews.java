package dev.tether.agent.internal.http;

import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.bootstrap.HttpHooks;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;

/** The view of a request for the client that hands it over. */
final class HttpRequestViews {

  private final RequestHelpers helpers;

  HttpRequestViews(HelperInjector injector) {
    this.helpers = new RequestHelpers(injector);
  }

  HttpRequestView of(String client, Object request, Object target) {
    switch (client) {
      case HttpHooks.JDK_HTTP_CLIENT:
        return JdkHttpRequestView.copying((HttpRequest) request, target);
      case HttpHooks.URL_CONNECTION:
        return new UrlConnectionView((HttpURLConnection) request);
      case HttpHooks.OKHTTP:
        return new OkHttpRequestView(helpers.okHttp(request), request);
      case HttpHooks.APACHE_5:
        return new ApacheRequestView(helpers.apache5(request), request, target);
      case HttpHooks.APACHE_4:
        return new ApacheRequestView(helpers.apache4(request), request, target);
      default:
        throw new IllegalArgumentException("no HTTP client called " + client);
    }
  }

  /**
   * The view of a request as {@code client} is about to send it; for Apache HttpClient 4, whose
   * request names no host by then, {@code target} is the execution's {@code HttpContext}.
   */
  HttpRequestView ofSending(String client, Object request, Object target) {
    return client.equals(HttpHooks.APACHE_4)
        ? ApacheRequestView.sending(helpers.apache4(request), request, target)
        : of(client, request, null);
  }

  /** The view of the next hop's request that {@code client} made itself. */
  HttpRequestView ofFollowUp(String client, Object request) {
    return client.equals(HttpHooks.JDK_HTTP_CLIENT)
        ? JdkHttpRequestView.clientMade((HttpRequest) request)
        : of(client, request, null);
  }
}
