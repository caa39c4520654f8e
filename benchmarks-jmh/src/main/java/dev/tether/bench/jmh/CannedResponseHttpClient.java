package dev.tether.bench.jmh;

import java.io.ByteArrayInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers every request at once with the benchmark object, so that a call
 * costs only the SDK's (and Tether's) client-side work. Remembers the last request it was given,
 * for checking which key signed it.
 */
final class CannedResponseHttpClient implements SdkHttpClient {

  private final byte[] body;
  private final SdkHttpResponse response;
  private volatile SdkHttpRequest lastRequest;

  CannedResponseHttpClient(byte[] body) {
    this.body = body.clone();
    this.response =
        SdkHttpResponse.builder()
            .statusCode(200)
            .putHeader("Content-Type", "text/plain")
            .putHeader("Content-Length", Integer.toString(body.length))
            .putHeader("ETag", "\"canned\"")
            .build();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    lastRequest = request.httpRequest();
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  /** The access key id in the last request's Authorization header, or null. */
  String lastAccessKeyId() {
    SdkHttpRequest request = lastRequest;
    String authorization =
        request == null ? null : request.firstMatchingHeader("Authorization").orElse(null);
    if (authorization == null || !authorization.contains("Credential=")) {
      return null;
    }
    String credential = authorization.substring(authorization.indexOf("Credential=") + 11);
    return credential.substring(0, credential.indexOf('/'));
  }

  @Override
  public String clientName() {
    return "canned";
  }

  @Override
  public void close() {}
}
