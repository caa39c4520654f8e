package dev.tether.vault.internal.exchange;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireFormatException;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.BodyTooLargeException;
import dev.tether.vault.internal.http.Bodies;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.Responses;
import java.io.IOException;

/**
 * One JSON-in, JSON-out endpoint: bearer check, a bounded body, a strict wire record, then the
 * handler. Every failure is answered with a {@link VaultError} and stores nothing.
 */
public final class WireEndpoint<Q, R> implements Endpoint {

  /** The endpoint's work on a well-formed request. */
  @FunctionalInterface
  public interface Handler<Q, R> {
    R handle(Q request, RequestTarget target) throws ExchangeRefused;
  }

  private final BearerAuth auth;
  private final Class<Q> requestType;
  private final Handler<Q, R> handler;

  public WireEndpoint(BearerAuth auth, Class<Q> requestType, Handler<Q, R> handler) {
    this.auth = auth;
    this.requestType = requestType;
    this.handler = handler;
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
    Q request;
    try {
      request = WireJson.read(body, requestType);
    } catch (WireFormatException e) {
      Responses.error(http, 400, VaultError.INVALID_REQUEST, e.getMessage());
      return;
    }
    R response;
    try {
      response = handler.handle(request, RequestTarget.of(http));
    } catch (ExchangeRefused refused) {
      Responses.json(http, refused.status(), refused.error());
      return;
    }
    Responses.json(http, 200, response);
  }
}
