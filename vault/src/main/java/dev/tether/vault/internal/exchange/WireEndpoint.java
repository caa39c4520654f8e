package dev.tether.vault.internal.exchange;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.VaultError;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.api.trace.Span;
import dev.tether.vault.internal.http.Accepts;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.JsonRequests;
import dev.tether.vault.internal.http.RequestRejected;
import dev.tether.vault.internal.http.Responses;
import dev.tether.vault.internal.state.StoreUnavailableException;
import java.io.IOException;

/**
 * One JSON-in, JSON-out endpoint: bearer check, a bounded body decoded into a strict wire record
 * ({@link JsonRequests}), then the handler. A request refused before the handler stores nothing;
 * every failure is answered with a {@link VaultError}.
 */
public final class WireEndpoint<Q, R> implements Endpoint {

  /** The endpoint's work on a well-formed request. */
  @FunctionalInterface
  public interface Handler<Q, R> {
    R handle(Q request, RequestTarget target) throws ExchangeRefused;
  }

  private final String spanName;
  private final String route;
  private final VaultTelemetry telemetry;
  private final BearerAuth auth;
  private final Class<Q> requestType;
  private final Handler<Q, R> handler;

  /**
   * @param spanName the span each request makes, e.g. {@code tether.vault.exchange}
   * @param route the route, for the span, e.g. {@code POST /v1/aws/credentials}
   */
  public WireEndpoint(
      String spanName,
      String route,
      VaultTelemetry telemetry,
      BearerAuth auth,
      Class<Q> requestType,
      Handler<Q, R> handler) {
    this.spanName = spanName;
    this.route = route;
    this.telemetry = telemetry;
    this.auth = auth;
    this.requestType = requestType;
    this.handler = handler;
  }

  @Override
  public Accepts accepts() {
    return Accepts.JSON;
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    Span span = telemetry.start(spanName, route);
    try {
      String problem = auth.problem(http);
      if (problem != null) {
        VaultTelemetry.refused(span, 401, VaultError.UNAUTHORIZED, problem);
        auth.refuse(http, problem);
        return;
      }
      Q request;
      try {
        request = JsonRequests.read(http, requestType);
      } catch (RequestRejected rejected) {
        refuse(http, span, rejected.status(), rejected.code(), rejected.getMessage());
        return;
      }
      R response;
      try {
        response = handler.handle(request, RequestTarget.of(http));
      } catch (ExchangeRefused refused) {
        // The span ends before the answer leaves: whoever reads the answer finds the span.
        VaultTelemetry.refused(
            span, refused.status(), refused.error().error(), refused.error().message());
        Responses.json(http, refused.status(), refused.error());
        return;
      } catch (StoreUnavailableException down) { // fail closed: no decision without the state
        refuse(http, span, 503, StoreUnavailableException.CODE, down.getMessage());
        return;
      }
      VaultTelemetry.allowed(span, 200);
      Responses.json(http, 200, response);
    } catch (RuntimeException e) {
      VaultTelemetry.refused(span, 500, VaultError.INTERNAL, e.getClass().getSimpleName());
      throw e;
    }
  }

  private static void refuse(HttpExchange http, Span span, int status, String code, String message)
      throws IOException {
    VaultTelemetry.refused(span, status, code, message);
    Responses.error(http, status, code, message);
  }
}
