package dev.tether.instrumentation.http;

import dev.tether.bootstrap.ApacheMessageAccess;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpMessage;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.protocol.HttpContext;

/**
 * Apache HttpClient 4's requests for the agent: a helper, defined beside the application's
 * httpcore (see {@link ApacheMessageAccess}). A request names its host only through an absolute
 * URI ({@code HttpUriRequest}); its headers change in place.
 */
public final class Apache4Messages implements ApacheMessageAccess {

  @Override
  public String requestScheme(Object request) {
    URI uri = uri(request);
    return uri == null ? null : uri.getScheme();
  }

  @Override
  public String requestHost(Object request) {
    URI uri = uri(request);
    return uri == null ? null : uri.getHost();
  }

  @Override
  public int requestPort(Object request) {
    URI uri = uri(request);
    return uri == null ? -1 : uri.getPort();
  }

  private static URI uri(Object request) {
    return request instanceof HttpUriRequest ? ((HttpUriRequest) request).getURI() : null;
  }

  @Override
  public String targetScheme(Object httpHost) {
    return ((HttpHost) httpHost).getSchemeName();
  }

  @Override
  public String targetHost(Object httpHost) {
    return ((HttpHost) httpHost).getHostName();
  }

  @Override
  public int targetPort(Object httpHost) {
    return ((HttpHost) httpHost).getPort();
  }

  @Override
  public Object contextAttribute(Object httpContext, String name) {
    return ((HttpContext) httpContext).getAttribute(name);
  }

  @Override
  public String header(Object request, String name) {
    Header header = ((HttpMessage) request).getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  @Override
  public String onlyValue(Object request, String name) {
    HttpMessage message = (HttpMessage) request;
    // Two lookups that allocate nothing, where getHeaders builds an array.
    Header first = message.getFirstHeader(name);
    return first == null || first != message.getLastHeader(name) ? null : first.getValue();
  }

  @Override
  public Object withHeader(Object request, String name, String value, String[] removed) {
    HttpMessage message = (HttpMessage) request;
    for (String other : removed) {
      message.removeHeaders(other);
    }
    // setHeader replaces the first value only: any other would be sent beside the token.
    Header first = message.getFirstHeader(name);
    if (first != null && first != message.getLastHeader(name)) {
      message.removeHeaders(name);
    }
    message.setHeader(name, value);
    return request;
  }

  @Override
  public Object withoutHeader(Object request, String name) {
    ((HttpMessage) request).removeHeaders(name);
    return request;
  }
}
