package dev.tether.core.wire;

import dev.tether.core.pop.PopProofs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * Posts one wire record to the Vault and reads the answer, for the agent and the Vault's command
 * line alike. Plain {@link HttpURLConnection}: synchronous on the calling thread (no executor to
 * leak tool context into), bounded by the timeout so a Vault that is down fails the call in
 * bounded time.
 */
public final class WireHttp {

  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private WireHttp() {}

  /** The Vault answered with an error, or could not be reached or read. */
  public static final class Failure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    Failure(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
      return status;
    }

    /** The Vault's error code ({@link VaultError#error()}), or {@code null}. */
    public String code() {
      return code;
    }
  }

  /**
   * @param bearer the {@code Authorization: Bearer} token, a secret: it appears in no message
   * @throws Failure naming the Vault, the status and the Vault's reason
   */
  public static <R> R post(
      URI base, String path, String bearer, int timeoutMillis, Object request, Class<R> answer)
      throws Failure {
    return post(base, path, bearer, timeoutMillis, request, answer, null);
  }

  /**
   * As {@link #post(URI, String, String, int, Object, Class)}, with a proof of possession made for
   * the request's URL ({@code base + path}) in the {@link PopProofs#HEADER} header.
   *
   * @param proofForUrl makes the proof for the URL; {@code null} for none
   */
  public static <R> R post(
      URI base,
      String path,
      String bearer,
      int timeoutMillis,
      Object request,
      Class<R> answer,
      java.util.function.Function<String, String> proofForUrl)
      throws Failure {
    URI uri = URI.create(base + path);
    byte[] body = WireJson.write(request);
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("Authorization", "Bearer " + bearer);
      if (proofForUrl != null) {
        connection.setRequestProperty(PopProofs.HEADER, proofForUrl.apply(uri.toString()));
      }
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      if (status == 200) {
        return WireJson.read(read(connection.getInputStream()), answer);
      }
      throw refusal(uri, status, connection.getErrorStream());
    } catch (SocketTimeoutException e) {
      throw new Failure(
          0, null, "the Vault at " + base + " did not answer within " + timeoutMillis + " ms");
    } catch (WireFormatException e) {
      throw new Failure(
          0, null, "the Vault at " + base + " sent a malformed answer: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new Failure(
          0,
          null,
          "the Vault at " + base + " is unreachable (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + ")");
    }
  }

  private static Failure refusal(URI uri, int status, InputStream errorStream) {
    VaultError error = null;
    if (errorStream != null) {
      try {
        error = WireJson.read(read(errorStream), VaultError.class);
      } catch (IOException | RuntimeException unreadable) {
        error = null;
      }
    }
    return new Failure(
        status,
        error == null ? null : error.error(),
        "the Vault refused the request to " + uri + " (HTTP " + status + ")"
            + (error == null ? "" : ": " + error.error() + ": " + error.message()));
  }

  private static byte[] read(InputStream in) throws IOException {
    try (InputStream stream = in) {
      byte[] bytes = stream.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException("answer larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
