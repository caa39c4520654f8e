package dev.tether.vault.internal.exchange.sts;

import java.util.Locale;
import java.util.Set;
import org.apache.http.HttpException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.DefaultRoutePlanner;
import org.apache.http.impl.conn.DefaultSchemePortResolver;
import org.apache.http.protocol.HttpContext;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The HTTP proxy STS calls go through: the one the AWS SDK's Apache client, which the Vault used
 * before, finds by default, from the same settings ({@code http.proxyHost}, {@code
 * http.proxyPort}, {@code http.nonProxyHosts}, {@code http.proxyUser}/{@code http.proxyPassword},
 * else {@code HTTP_PROXY} and {@code NO_PROXY}), resolved by the SDK's own {@link
 * ProxyConfiguration}, so that a Vault behind an egress proxy keeps reaching STS.
 */
final class StsProxy {

  private StsProxy() {}

  /**
   * Routes {@code client}'s requests through the proxy, if there is one.
   *
   * @param settings {@code ProxyConfiguration.builder().build()}: the SDK's defaults
   */
  static void configure(HttpClientBuilder client, ProxyConfiguration settings) {
    if (settings.host() == null || settings.host().isEmpty()) {
      return;
    }
    HttpHost proxy = new HttpHost(settings.host(), settings.port(), settings.scheme());
    Set<String> direct = settings.nonProxyHosts(); // patterns, as the SDK matches them
    client.setRoutePlanner(
        new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE) {
          @Override
          protected HttpHost determineProxy(
              HttpHost target, HttpRequest request, HttpContext context) throws HttpException {
            String host = target.getHostName().toLowerCase(Locale.ROOT);
            for (String pattern : direct) {
              if (host.matches(pattern)) {
                return null;
              }
            }
            return proxy;
          }
        });
    if (settings.username() != null && settings.password() != null) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(
          new AuthScope(proxy),
          new UsernamePasswordCredentials(settings.username(), settings.password()));
      client.setDefaultCredentialsProvider(credentials);
    }
  }
}
