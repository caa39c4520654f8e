package dev.tether.agent.internal.http;

import dev.tether.bootstrap.TetherDeniedException;
import java.lang.invoke.MethodHandle;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.URL;

/**
 * The authenticator of an {@code HttpURLConnection} to an external API. When the API answers
 * {@code 401} with a challenge, the JDK asks the connection's authenticator (or the default one)
 * for credentials and sends the request again, on the same connection and past Tether's decision,
 * with the answer in {@code Authorization} in place of the token: the application's credentials
 * for that host would reach it. This one answers a server with nothing (the token is the API's
 * credential) and a proxy as the application's authenticator would. A connection given it also
 * leaves the default authenticator's cache of credentials alone, which the JDK would otherwise send
 * unasked.
 */
final class ServerCredentialsWithheld extends Authenticator {

  /** For connections without an authenticator of their own: proxies asked of the default one. */
  private static final ServerCredentialsWithheld DEFAULT = new ServerCredentialsWithheld(null);

  /** {@code (HttpURLConnection) Object}: the connection's own authenticator, or null. */
  private static final MethodHandle OWN = ownAuthenticatorField();

  /** The application's authenticator for proxies; {@code null}: the default, when asked. */
  private final Authenticator proxies;

  private ServerCredentialsWithheld(Authenticator proxies) {
    this.proxies = proxies;
  }

  /** Gives {@code connection} an authenticator that answers no server. */
  static void install(HttpURLConnection connection) {
    Authenticator own = own(connection);
    if (own instanceof ServerCredentialsWithheld) {
      return; // a redirect or a retry of a connection decided before
    }
    connection.setAuthenticator(own == null ? DEFAULT : new ServerCredentialsWithheld(own));
  }

  @Override
  public PasswordAuthentication requestPasswordAuthenticationInstance(String host,
      InetAddress address, int port, String protocol, String prompt, String scheme, URL url,
      RequestorType type) {
    if (type != RequestorType.PROXY) {
      return null;
    }
    Authenticator asked = proxies != null ? proxies : Authenticator.getDefault();
    return asked == null ? null : Authenticator.requestPasswordAuthentication(
        asked, host, address, port, protocol, prompt, scheme, url, type);
  }

  private static Authenticator own(HttpURLConnection connection) {
    if (OWN == null || !JdkConnectionInternals.isJdks(connection)) {
      return null; // unknown: the default is asked for proxies, as for most connections
    }
    try {
      return (Authenticator) (Object) OWN.invokeExact(connection);
    } catch (Throwable e) {
      throw new TetherDeniedException("Tether refused a request: the JDK's HttpURLConnection"
          + " authenticator could not be read (" + e + "); nothing was sent", e);
    }
  }

  private static MethodHandle ownAuthenticatorField() {
    try {
      return JdkConnectionInternals.getter("authenticator");
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
