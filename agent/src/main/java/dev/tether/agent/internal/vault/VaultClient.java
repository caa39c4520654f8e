package dev.tether.agent.internal.vault;

import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireFormatException;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;

/**
 * The agent's only network peer. Plain {@link HttpURLConnection}: synchronous on the calling
 * thread (no executor to leak tool context into), bounded by the configured connect and read
 * timeouts so a Vault that is down fails the call in bounded time instead of hanging the tool.
 */
public final class VaultClient {

  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final VaultEndpoint endpoint;

  public VaultClient(VaultEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public VaultEndpoint endpoint() {
    return endpoint;
  }

  public AwsCredentialsResponse awsCredentials(AwsCredentialsRequest request) throws VaultException {
    URI base;
    String token;
    try {
      base = endpoint.url();
      token = endpoint.token();
    } catch (IllegalStateException e) {
      throw new VaultException(e.getMessage());
    }
    URI uri = URI.create(base + "/v1/aws/credentials");
    byte[] body = WireJson.write(request);
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) new URL(uri.toString()).openConnection();
      connection.setConnectTimeout(endpoint.timeoutMillis());
      connection.setReadTimeout(endpoint.timeoutMillis());
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("Authorization", "Bearer " + token);
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      if (status == 200) {
        return WireJson.read(read(connection.getInputStream()), AwsCredentialsResponse.class);
      }
      throw new VaultException(describeError(uri, status, connection.getErrorStream()));
    } catch (SocketTimeoutException e) {
      throw new VaultException(
          "the Vault at " + base + " did not answer within " + endpoint.timeoutMillis() + " ms");
    } catch (WireFormatException e) {
      throw new VaultException("the Vault at " + base + " sent a malformed answer: " + e.getMessage());
    } catch (IOException e) {
      throw new VaultException(
          "the Vault at " + base + " is unreachable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static String describeError(URI uri, int status, InputStream errorStream) {
    String detail = "";
    if (errorStream != null) {
      try {
        VaultError error = WireJson.read(read(errorStream), VaultError.class);
        detail = ": " + error.error() + ": " + error.message();
      } catch (IOException | RuntimeException unreadable) {
        detail = "";
      }
    }
    return "the Vault refused the exchange at " + uri + " (HTTP " + status + ")" + detail;
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
