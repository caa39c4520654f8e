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
import dev.tether.core.wire.GitHubToken;
import dev.tether.core.wire.GitHubTokenRequest;

/**
 * Tokens for external APIs, for the tool call running on the thread: its tool-call token (with a
 * proof of possession, while the workload's binding is fresh) is exchanged at the Vault for a
 * single-use token the resource server accepts once, or a GitHub installation token narrowed to
 * the turn's repositories and the tool's permissions.
 */
public final class ApiTokenIssuer {

  private static final long TOKEN_MARGIN_SECONDS = 10;

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
   * A single-use token for one request to {@code audience}.
   *
   * @param context the tool context on the calling thread
   * @throws TetherDeniedException outside a tool call, or when no token can be had; nothing is
   *     sent to the API then
   */
  public String singleUse(Object context, String audience) {
    return issue(context, "an API token for " + audience, "api_token", audience,
        token -> vault.apiToken(new ApiTokenRequest(token, audience)).token());
  }

  /** A token for any number of requests to {@code audience} until the tool call's token expires. */
  public String timeBoxed(Object context, String audience) {
    return timeBoxedToken(context, audience).value();
  }

  /** As {@link #timeBoxed}, with its expiry, for callers that keep it. */
  public ToolCall.ApiToken timeBoxedToken(Object context, String audience) {
    return issue(context, "a time-boxed API token for " + audience, "api_token", audience,
        token -> {
          ApiToken issued = vault.apiToken(
              new ApiTokenRequest(token, audience, ApiTokenRequest.TIME_BOXED));
          return new ToolCall.ApiToken(issued.token(), issued.expiresAt().toEpochMilli());
        });
  }

  /**
   * A GitHub installation token for the running tool call: the turn's repositories, the tool's
   * permissions (the Vault's GitHub App decides both).
   */
  public String gitHub(Object context) {
    return gitHubToken(context).value();
  }

  /** As {@link #gitHub}, with its expiry, for callers that keep it. */
  public ToolCall.ApiToken gitHubToken(Object context) {
    return issue(context, "a GitHub token", "github_token", "api.github.com", token -> {
      GitHubToken issued = vault.gitHubToken(new GitHubTokenRequest(token));
      return new ToolCall.ApiToken(issued.token(), issued.expiresAt().toEpochMilli());
    });
  }

  /**
   * Refuses when the call's tokens cannot be used now (no token, the task ended, the task or tool
   * is revoked, the binding is stale and cannot be renewed): checked before each use of a token
   * the call keeps.
   */
  public void requireUsable(ToolCall call, String what) {
    String unusable = unusable(call);
    if (unusable != null) {
      call.dropCredentials();
      throw denied(call, what, unusable);
    }
  }

  /** One exchange of the call's tool-call token at the Vault. */
  @FunctionalInterface
  private interface Exchange<T> {
    T with(String toolCallToken) throws VaultException;
  }

  private <T> T issue(Object context, String what, String layer, String audience,
      Exchange<T> exchange) {
    if (!(context instanceof ToolCall)) {
      String reason = "Tether refused " + what
          + ": requested outside any tool call; such a token belongs to one tool call";
      SpanHandle span = telemetry.start(Telemetry.SPAN_DECISION, null)
          .attribute("tether.decision", "deny")
          .attribute("tether.reason", reason)
          .attribute("tether.api.audience", audience);
      span.fail(reason);
      span.end();
      throw new TetherDeniedException(reason);
    }
    ToolCall call = (ToolCall) context;
    String unusable = unusable(call);
    if (unusable != null) {
      throw denied(call, what, unusable);
    }
    SpanHandle span = telemetry.start(Telemetry.SPAN_EXCHANGE, call.span())
        .attribute("tether.layer", layer)
        .attribute("tether.tool", call.tool())
        .attribute("tether.parent.id", call.callId())
        .attribute("tether.api.audience", audience);
    try {
      String token = derivations.currentToken(call, TOKEN_MARGIN_SECONDS).encode();
      return sessions.withFreshBinding(call.session(), () -> exchange.with(token));
    } catch (VaultException e) {
      span.fail(e.getMessage());
      if (sessions.learnRevocation(call.session(), call.tool(), e)) {
        call.dropCredentials();
      }
      throw denied(call, what, e.getMessage());
    } catch (IllegalArgumentException | ChainRefusal | TaskUnavailable e) {
      span.fail(e.getMessage());
      throw denied(call, what, e.getMessage());
    } finally {
      span.end();
    }
  }

  private String unusable(ToolCall call) {
    if (call.refusal() != null) {
      return call.refusal();
    }
    if (call.ended()) {
      return ToolCall.ENDED_REFUSAL;
    }
    if (!call.session().isActive()) {
      return "the task this tool call belongs to has ended";
    }
    String revoked = call.session().revocationProblem(call.tool());
    if (revoked != null) {
      call.dropCredentials();
      return revoked + "; the tool call's tokens are dropped";
    }
    return sessions.bindingProblem(call.session());
  }

  private static TetherDeniedException denied(ToolCall call, String what, String why) {
    return new TetherDeniedException("Tether refused " + what + " in tool '" + call.tool()
        + "': " + why + "; nothing was sent");
  }
}
