package dev.tether.instrumentation.http;

import dev.tether.bootstrap.ApacheMessageAccess;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Apache HttpClient 5's requests for the agent: a helper, defined beside the application's
 * httpcore5 (see {@link ApacheMessageAccess}). Its requests are mutable: headers change in place.
 */
public final class Apache5Messages implements ApacheMessageAccess {

  @Override
  public String requestScheme(Object request) {
    return ((HttpRequest) request).getScheme();
  }

  @Override
  public String requestHost(Object request) {
    URIAuthority authority = ((HttpRequest) request).getAuthority();
    return authority == null ? null : authority.getHostName();
  }

  @Override
  public int requestPort(Object request) {
    URIAuthority authority = ((HttpRequest) request).getAuthority();
    return authority == null ? -1 : authority.getPort();
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
    // Two lookups that allocate nothing, where getHeaders builds a list and an array.
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
