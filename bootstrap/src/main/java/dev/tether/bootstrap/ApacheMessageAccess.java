package dev.tether.bootstrap;

/**
 * {@link HttpMessageAccess} for Apache HttpClient 4 and 5, whose client may name the target host
 * apart from the request (an {@code HttpHost}), and whose version 4 keeps it in the execution's
 * {@code HttpContext} by the time the request is written. Not for application code.
 */
public interface ApacheMessageAccess extends HttpMessageAccess {

  String targetScheme(Object httpHost);

  String targetHost(Object httpHost);

  /** The port the target names, or -1. */
  int targetPort(Object httpHost);

  /** The attribute {@code name} of an {@code HttpContext}, or {@code null}. */
  Object contextAttribute(Object httpContext, String name);
}
