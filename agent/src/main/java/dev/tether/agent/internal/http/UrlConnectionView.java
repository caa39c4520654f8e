package dev.tether.agent.internal.http;

import dev.tether.bootstrap.KeptPerObject;
import dev.tether.bootstrap.TetherDeniedException;
import java.net.HttpURLConnection;

/**
 * An {@code HttpURLConnection} about to connect: its request properties are still open to change.
 * Its headers are read and changed as the JDK will write them ({@link JdkConnectionHeaders}).
 */
final class UrlConnectionView implements HttpRequestView {

  private final HttpURLConnection connection;

  UrlConnectionView(HttpURLConnection connection) {
    this.connection = connection;
  }

  /**
   * Where each connection was let through to: its streams call {@code connect()} inside, and a
   * redirect calls it again for another host, which is decided afresh.
   */
  private static final KeptPerObject DECIDED = new KeptPerObject();

  /** The same destination decided before, or a connected connection (for which connect() does nothing). */
  @Override
  public boolean decidedAlready() {
    if (DECIDED.get(connection) == connection.getURL()) { // a redirect makes a new URL
      return true;
    }
    try {
      // A setter that changes nothing: URLConnection's setters refuse once connected. (Asking for
      // the request properties would tell the same, but copies them all into a new map.)
      connection.setUseCaches(connection.getUseCaches());
      return false;
    } catch (IllegalStateException connected) {
      return true;
    }
  }

  @Override
  public void decided() {
    DECIDED.put(connection, connection.getURL());
  }

  @Override
  public boolean carriesAwsSdkRequests() {
    return true;
  }

  @Override
  public String scheme() {
    return HttpRequestView.lower(connection.getURL().getProtocol());
  }

  @Override
  public String host() {
    return HttpRequestView.lower(connection.getURL().getHost());
  }

  @Override
  public int port() {
    return HttpRequestView.port(connection.getURL().getPort(), connection.getURL().getProtocol());
  }

  @Override
  public boolean awsSigned() {
    return HttpRequestView.isSigV4(header("Authorization"));
  }

  @Override
  public String header(String name) {
    return JdkConnectionHeaders.firstValue(connection, name);
  }

  @Override
  public String onlyValue(String name) {
    // Asked only as OkHttp and Apache send a request.
    throw new UnsupportedOperationException("a connection is decided where it connects");
  }

  @Override
  public Object withoutHeader(String name) {
    // Its redirects reconnect through connect(), decided as new requests: no next hop comes here.
    throw new UnsupportedOperationException("a connection's redirects are decided as requests");
  }

  @Override
  public Object withHeader(String header, String value, String[] removed) {
    try {
      JdkConnectionHeaders.set(connection, header, value, removed);
      ServerCredentialsWithheld.install(connection);
    } catch (IllegalStateException e) {
      throw new TetherDeniedException("Tether refused a request to " + host() + ": the connection"
          + " was already connecting, so its token could not be set; nothing was sent");
    }
    return connection;
  }
}
