package dev.tether.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A plain HTTP client for the Vault's JSON endpoints, as an agent would use them. */
final class VaultHttp {

  // A plain mapper: tests read answers as an outside client would, not with the Vault's own code.
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  VaultHttp(URI base) {
    this.base = base;
  }

  HttpResponse<String> postCredentials(String token, AwsCredentialsRequest request) {
    return post("/v1/aws/credentials", token, WireJson.write(request));
  }

  HttpResponse<String> post(String path, String token, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    // A nonce request presents no token: its proof covers the bearer token.
    String presented = path.endsWith("/nonces") ? token : presentedToken(body);
    if (presented != null) {
      // As the agent does: every request that presents a token proves possession of the key.
      builder.header(PopProofs.HEADER, WorkloadProofs.proof(base.resolve(path), presented));
    }
    return send(builder.build());
  }

  /** The grant or token a request body presents, if it is well-formed enough to have one. */
  private static String presentedToken(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      for (String field : new String[] {"token", "grant"}) {
        if (json != null && json.path(field).isTextual()) {
          return json.path(field).asText();
        }
      }
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
    return null;
  }

  HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return send(builder.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
