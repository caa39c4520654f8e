package dev.tether.agent.internal.http;

import dev.tether.agent.internal.telemetry.Untraced;
import dev.tether.bootstrap.OwnTraffic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

/**
 * One bounded HTTP exchange the agent makes for itself (the launcher's attestor, the instance
 * metadata service, GitHub's token revocation, a Zipkin collector): never through a proxy, never
 * following a redirect, with a cap on the answer's size, and marked as the agent's own traffic so
 * that the HTTP client hooks leave it alone.
 */
public final class DirectHttp {

  public static final int MAX_ANSWER_BYTES = 64 * 1024;

  /** The status and body of an answer (the error body for a status other than 2xx). */
  public record Answer(int status, byte[] body) {}

  private DirectHttp() {}

  /**
   * @param body the request body, or null for none
   * @throws java.net.SocketTimeoutException when connecting or reading took too long
   * @throws IOException when the peer cannot be reached or its answer read
   */
  public static Answer exchange(
      URI uri,
      String method,
      Map<String, String> headers,
      byte[] body,
      int connectTimeoutMillis,
      int readTimeoutMillis)
      throws IOException {
    return Untraced.send(
        () -> send(uri, method, headers, body, connectTimeoutMillis, readTimeoutMillis));
  }

  private static Answer send(
      URI uri,
      String method,
      Map<String, String> headers,
      byte[] body,
      int connectTimeoutMillis,
      int readTimeoutMillis)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    OwnTraffic.begin(); // the HTTP client hooks leave the agent's own requests alone
    try {
      connection.setConnectTimeout(connectTimeoutMillis);
      connection.setReadTimeout(readTimeoutMillis);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestMethod(method);
      for (Map.Entry<String, String> header : headers.entrySet()) {
        connection.setRequestProperty(header.getKey(), header.getValue());
      }
      if (body != null) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream in =
          status >= 200 && status < 300 ? connection.getInputStream() : connection.getErrorStream();
      return new Answer(status, in == null ? new byte[0] : read(in));
    } finally {
      OwnTraffic.end();
      connection.disconnect();
    }
  }

  private static byte[] read(InputStream in) throws IOException {
    try (InputStream stream = in) {
      byte[] bytes = stream.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw new IOException("answer larger than " + MAX_ANSWER_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
