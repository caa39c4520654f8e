package dev.tether.vault.internal.exchange;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireFormatException;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.Bodies;
import dev.tether.vault.internal.http.BodyTooLargeException;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.Responses;
import java.io.IOException;

/** {@code POST /v1/aws/credentials}: an agent exchanges a tool call's scope for AWS credentials. */
public final class CredentialsEndpoint implements Endpoint {

  private final BearerAuth auth;
  private final CredentialExchange exchange;

  public CredentialsEndpoint(BearerAuth auth, CredentialExchange exchange) {
    this.auth = auth;
    this.exchange = exchange;
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    if (!auth.check(http)) {
      return;
    }
    byte[] body;
    try {
      body = Bodies.read(http);
    } catch (BodyTooLargeException e) {
      Responses.error(http, 413, "payload_too_large", e.getMessage());
      return;
    }
    AwsCredentialsRequest request;
    try {
      request = WireJson.read(body, AwsCredentialsRequest.class);
    } catch (WireFormatException e) {
      Responses.error(http, 400, VaultError.INVALID_REQUEST, e.getMessage());
      return;
    }
    AwsCredentialsResponse response;
    try {
      response = exchange.exchange(request);
    } catch (ExchangeRefused refused) {
      Responses.json(http, refused.status(), refused.error());
      return;
    }
    Responses.json(http, 200, response);
  }
}
