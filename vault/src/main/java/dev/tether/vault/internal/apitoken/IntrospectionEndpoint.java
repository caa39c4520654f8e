package dev.tether.vault.internal.apitoken;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.VaultError;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.Bodies;
import dev.tether.vault.internal.http.BodyTooLargeException;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.Responses;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/introspect}, in the shape of RFC 7662: a resource server sends {@code
 * token=<api token>} (form-encoded) with its own bearer token and learns whether the token is
 * active, for which audience, task, user and tool. An active token is spent by this answer: a
 * second introspection of it says {@code "active": false}.
 */
public final class IntrospectionEndpoint implements Endpoint {

  private final BearerAuth auth;
  private final SingleUseTokens tokens;
  private final VaultTelemetry telemetry;
  private final Clock clock;

  public IntrospectionEndpoint(
      BearerAuth auth, SingleUseTokens tokens, VaultTelemetry telemetry, Clock clock) {
    this.auth = auth;
    this.tokens = tokens;
    this.telemetry = telemetry;
    this.clock = clock;
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
      token = formField(new String(Bodies.read(http), StandardCharsets.UTF_8), "token");
    } catch (BodyTooLargeException e) {
      VaultTelemetry.refused(span, 413, "payload_too_large", e.getMessage());
      Responses.error(http, 413, "payload_too_large", e.getMessage());
      return;
    }
    if (token == null || token.isEmpty()) {
      String message = "send the token to introspect as a form field: token=<api token>"
          + " (Content-Type: application/x-www-form-urlencoded, RFC 7662)";
      VaultTelemetry.refused(span, 400, VaultError.INVALID_REQUEST, message);
      Responses.error(http, 400, VaultError.INVALID_REQUEST, message);
      return;
    }
    SingleUseTokens.Introspection answer = tokens.introspect(token, clock.instant());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", answer.active());
    // Each span ends before its answer leaves: whoever reads the answer finds the span.
    if (!answer.active()) {
      VaultTelemetry.refused(span, 200, answer.inactiveReason(),
          "API token not active: " + answer.inactiveReason());
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

  private static String formField(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}
