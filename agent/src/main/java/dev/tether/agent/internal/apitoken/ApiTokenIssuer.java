package dev.tether.agent.internal.apitoken;

import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.task.TaskUnavailable;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;

/**
 * Single-use tokens for external APIs, one per request of the tool call running on the thread:
 * the tool-call token (with a proof of possession, while the workload's binding is fresh) is
 * exchanged at the Vault for a token the resource server accepts once.
 */
public final class ApiTokenIssuer {

  private static final long TOKEN_MARGIN_SECONDS = 10;
  private static final String STALE = "attestation_stale";

  private final VaultClient vault;
  private final TaskSessions sessions;
  private final Derivations derivations;
  private final Telemetry telemetry;

  public ApiTokenIssuer(
      VaultClient vault, TaskSessions sessions, Derivations derivations, Telemetry telemetry) {
    this.vault = vault;
    this.sessions = sessions;
    this.derivations = derivations;
    this.telemetry = telemetry;
  }

  /**
   * @param context the tool context on the calling thread
   * @throws TetherDeniedException outside a tool call, or when no token can be had; nothing is
   *     sent to the API then
   */
  public String issue(Object context, String audience) {
    if (!(context instanceof ToolCall)) {
      throw new TetherDeniedException("Tether refused an API token for " + audience
          + ": requested outside any tool call; a single-use token belongs to one tool call");
    }
    ToolCall call = (ToolCall) context;
    String unusable = unusable(call);
    if (unusable != null) {
      throw denied(call, audience, unusable);
    }
    SpanHandle span = telemetry.start(Telemetry.SPAN_EXCHANGE, call.span())
        .attribute("tether.layer", "api_token")
        .attribute("tether.tool", call.tool())
        .attribute("tether.parent.id", call.callId())
        .attribute("tether.api.audience", audience);
    try {
      ApiTokenRequest request = new ApiTokenRequest(
          derivations.currentToken(call, TOKEN_MARGIN_SECONDS).encode(), audience);
      return exchange(call, request).token();
    } catch (IllegalArgumentException | ChainRefusal | VaultException | TaskUnavailable e) {
      span.fail(e.getMessage());
      throw denied(call, audience, e.getMessage());
    } finally {
      span.end();
    }
  }

  private ApiToken exchange(ToolCall call, ApiTokenRequest request)
      throws VaultException, TaskUnavailable {
    try {
      return vault.apiToken(request);
    } catch (VaultException e) {
      if (!STALE.equals(e.code())) {
        throw e;
      }
      sessions.renew(call.session()); // the Vault asks for fresh evidence: give it, then retry
      return vault.apiToken(request);
    }
  }

  private String unusable(ToolCall call) {
    if (call.refusal() != null) {
      return call.refusal();
    }
    if (!call.session().isActive()) {
      return "the task this tool call belongs to has ended";
    }
    return sessions.bindingProblem(call.session());
  }

  private static TetherDeniedException denied(ToolCall call, String audience, String why) {
    return new TetherDeniedException("Tether refused an API token for " + audience + " in tool '"
        + call.tool() + "': " + why + "; nothing was sent");
  }
}
