package dev.tether.vault.internal.apitoken;

import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.exchange.RequestTarget;
import dev.tether.vault.internal.exchange.ToolCallCheck;
import java.time.Clock;

/** {@code POST /v1/api-tokens}: a tool-call token, checked as for AWS credentials, for a single-use API token. */
public final class ApiTokenExchange {

  private final ToolCallCheck toolCalls;
  private final SingleUseTokens tokens;
  private final Clock clock;

  public ApiTokenExchange(ToolCallCheck toolCalls, SingleUseTokens tokens, Clock clock) {
    this.toolCalls = toolCalls;
    this.tokens = tokens;
    this.clock = clock;
  }

  public ApiToken mint(ApiTokenRequest request, RequestTarget target) throws ExchangeRefused {
    ToolCallCheck.Checked checked = toolCalls.check(request.token(), target, "API tokens");
    return tokens.mint(checked.chain(), request.audience(),
        ApiTokenRequest.TIME_BOXED.equals(request.mode()), clock.instant());
  }
}
