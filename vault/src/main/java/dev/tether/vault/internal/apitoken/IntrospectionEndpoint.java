package dev.tether.vault.internal.apitoken;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.VaultError;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.http.Accepts;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.FormRequests;
import dev.tether.vault.internal.http.RequestRejected;
import dev.tether.vault.internal.http.Responses;
import dev.tether.vault.internal.revoke.Revocations;
import dev.tether.vault.internal.state.StoreUnavailableException;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/introspect}, in the shape of RFC 7662: a resource server sends {@code
 * token=<api token>} (form-encoded) with its own bearer token and learns whether the token is
 * active, for which audience, task, user and tool. An active token is spent by this answer: a
 * second introspection of it says {@code "active": false}. So is a token whose task or tool was
 * revoked since it was minted: RFC 7662 answers a revoked token as inactive (a resource server
 * reads any other answer as a failure of the introspection itself), and the span says why
 * ({@code task_revoked}, {@code tool_revoked}).
 */
public final class IntrospectionEndpoint implements Endpoint {

  /**
   * RFC 7662's parameters: {@code token}, and {@code token_type_hint}, which this Vault, with one
   * kind of token, ignores. API tokens are {@code tsu_} and 43 characters; 512 leaves room.
   */
  public static final FormRequests.Form FORM =
      new FormRequests.Form(
          "POST /v1/introspect", Map.of("token", 512, "token_type_hint", 64), Set.of("token"));

  private final BearerAuth auth;
  private final SingleUseTokens tokens;
  private final Revocations revocations;
  private final VaultTelemetry telemetry;
  private final Clock clock;

  public IntrospectionEndpoint(
      BearerAuth auth, SingleUseTokens tokens, Revocations revocations,
      VaultTelemetry telemetry, Clock clock) {
    this.auth = auth;
    this.tokens = tokens;
    this.revocations = revocations;
    this.telemetry = telemetry;
    this.clock = clock;
  }

  @Override
  public Accepts accepts() {
    return Accepts.FORM;
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    Span span = telemetry.start("tether.vault.introspect", "POST /v1/introspect");
    String problem = auth.problem(http);
    if (problem != null) {
      VaultTelemetry.refused(span, 401, VaultError.UNAUTHORIZED, problem);
      auth.refuse(http, problem);
      return;
    }
    String token;
    try {
      token = FormRequests.read(http, FORM).get("token");
    } catch (RequestRejected rejected) {
      VaultTelemetry.refused(span, rejected.status(), rejected.code(), rejected.getMessage());
      Responses.error(http, rejected.status(), rejected.code(), rejected.getMessage());
      return;
    }
    SingleUseTokens.Introspection answer;
    Revocation revoked = null;
    try {
      answer = tokens.introspect(token, clock.instant());
      if (answer.active()) {
        revoked = revocations.against(answer.issued().taskId(), answer.issued().tool());
      }
    } catch (StoreUnavailableException down) { // fail closed: never "active" without the state
      VaultTelemetry.refused(span, 503, StoreUnavailableException.CODE, down.getMessage());
      Responses.error(http, 503, StoreUnavailableException.CODE, down.getMessage());
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", answer.active() && revoked == null);
    // Each span ends before its answer leaves: whoever reads the answer finds the span.
    if (!answer.active()) {
      VaultTelemetry.refused(span, 200, answer.inactiveReason(),
          "API token not active: " + answer.inactiveReason());
      Responses.json(http, 200, body);
      return;
    }
    if (revoked != null) {
      ExchangeRefused refusal = Revocations.refusal(revoked);
      VaultTelemetry.refused(span, 200, refusal.error().error(),
          "API token not active: " + refusal.getMessage());
      Responses.json(http, 200, body);
      return;
    }
    SingleUseTokens.Issued issued = answer.issued();
    body.put("token_type", issued.timeBoxed() ? "tether_time_boxed" : "tether_single_use");
    body.put("aud", issued.audience());
    body.put("sub", issued.userId());
    body.put("exp", issued.expiresAt());
    body.put("scope", issued.tool());
    body.put("tether_task", issued.taskId());
    body.put("tether_tool", issued.tool());
    body.put("tether_call", issued.callId());
    VaultTelemetry.allowed(span, 200);
    Responses.json(http, 200, body);
  }
}
