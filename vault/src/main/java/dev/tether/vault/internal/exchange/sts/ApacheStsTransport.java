package dev.tether.vault.internal.exchange.sts;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * Apache HttpClient 4, used directly: pooled kept-alive connections with TCP_NODELAY (so a POST's
 * body, written after its headers, is not held back by Nagle until the server's delayed ACK),
 * no retries, redirects, cookies or compression of its own; the proxy the SDK would use ({@link
 * StsProxy}). Measured against the JDK's {@code HttpClient} under load: about 14 % of the Vault's
 * CPU against 22 %.
 */
final class ApacheStsTransport implements StsTransport {

  private static final int MAX_CONNECTIONS = 50;

  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager connections;
  private final Duration connectTimeout;
  private final Duration socketTimeout;

  ApacheStsTransport(Duration connectTimeout, Duration socketTimeout) {
    this(connectTimeout, socketTimeout, ProxyConfiguration.builder().build());
  }

  ApacheStsTransport(Duration connectTimeout, Duration socketTimeout, ProxyConfiguration proxy) {
    this.connectTimeout = connectTimeout;
    this.socketTimeout = socketTimeout;
    connections = new PoolingHttpClientConnectionManager(60, TimeUnit.SECONDS);
    connections.setMaxTotal(MAX_CONNECTIONS);
    connections.setDefaultMaxPerRoute(MAX_CONNECTIONS);
    // A connection idle for a while is checked before reuse: STS closes idle ones after a time.
    connections.setValidateAfterInactivity(2_000);
    connections.setDefaultSocketConfig(
        SocketConfig.custom()
            .setTcpNoDelay(true)
            .setSoKeepAlive(true)
            .setSoTimeout((int) socketTimeout.toMillis())
            .build());
    HttpClientBuilder builder =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout((int) connectTimeout.toMillis())
                    .setSocketTimeout((int) socketTimeout.toMillis())
                    .setConnectionRequestTimeout((int) connectTimeout.toMillis())
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent(StsEndpoint.USER_AGENT);
    StsProxy.configure(builder, proxy);
    client = builder.build();
  }

  @Override
  public Answer post(StsEndpoint endpoint, Map<String, String> headers, byte[] body)
      throws StsUnavailableException {
    HttpPost post = new HttpPost(endpoint.uri());
    post.setHeader("Host", endpoint.hostHeader());
    headers.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body));
    try (CloseableHttpResponse response = client.execute(post)) {
      HttpEntity entity = response.getEntity();
      byte[] answer = entity == null ? new byte[0] : read(entity, endpoint);
      return new Answer(response.getStatusLine().getStatusCode(), answer);
    } catch (ConnectTimeoutException e) {
      throw timedOut("no connection within " + connectTimeout.toMillis() + " ms", e);
    } catch (SocketTimeoutException e) {
      throw timedOut("no answer within " + socketTimeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw unreachable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(HttpEntity entity, StsEndpoint endpoint)
      throws IOException, StsUnavailableException {
    try (InputStream in = entity.getContent()) {
      byte[] bytes = in.readNBytes(StsAnswers.MAX_ANSWER_BYTES + 1);
      if (bytes.length > StsAnswers.MAX_ANSWER_BYTES) {
        throw StsAnswers.tooLarge("STS at " + endpoint);
      }
      return bytes;
    }
  }

  private static StsUnavailableException timedOut(String what, Exception cause) {
    return new StsUnavailableException(StsUnavailableException.Reason.TIMED_OUT, what, cause);
  }

  private static StsUnavailableException unreachable(String what, Exception cause) {
    return new StsUnavailableException(StsUnavailableException.Reason.UNREACHABLE, what, cause);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // closing pooled sockets; nothing to do
    }
    connections.shutdown();
  }
}
