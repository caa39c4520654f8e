package dev.tether.agent.internal.http;

import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.config.ApiConfig;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.bootstrap.AwsTransmission;
import dev.tether.bootstrap.TetherDeniedException;
import java.util.Arrays;
import java.util.List;

/**
 * Decides each HTTP request a tool call makes through a hooked client, before any connection is
 * opened: a host outside the tool's egress list is refused; a request to a configured external API
 * gets a token issued for this call in the API's header, replacing the application's value. The AWS
 * SDK's own requests, decided already, and requests the application signed with SigV4 are never
 * modified. Every decision is a {@code tether.decision} span.
 */
public final class HttpRequestGuard {

  private final ApiRoutes apis;
  private final GitHubTokenRevoker revoker;
  private final ApiTokenIssuer tokens;
  private final HttpDecisions decisions;
  private final HttpRequestViews views;

  /**
   * @param helpers defines the helpers that read OkHttp's and Apache's requests beside each copy
   *     of those libraries the application loads
   */
  public HttpRequestGuard(List<ApiConfig> apis, ApiTokenIssuer tokens, Telemetry telemetry,
      String configSource, HelperInjector helpers) {
    this.views = new HttpRequestViews(helpers);
    this.apis = new ApiRoutes(apis);
    this.revoker = new GitHubTokenRevoker(telemetry);
    this.tokens = tokens;
    this.decisions = new HttpDecisions(telemetry, configSource);
  }

  /**
   * @param context the tool context on the calling thread
   * @return the request to send
   * @throws TetherDeniedException when the request must not go out
   */
  public Object decide(Object context, String client, Object request, Object target) {
    if (!(context instanceof ToolCall)) {
      return request; // outside tool calls the application's traffic is its own
    }
    ToolCall call = (ToolCall) context;
    HttpRequestView view = views.of(client, request, target);
    if (view.decidedAlready()) {
      return request;
    }
    String host = view.host();
    HttpCallState state = state(call);
    HttpCallState.Destination destination =
        destination(call, state, view, host, view.port(), NO_CONNECTION);
    if (destination == null) {
      return request;
    }
    ApiRoutes.Route route = destination.route;
    if (route == null) {
      decisions.allow(call, host, EGRESS_ONLY, null);
      view.decided();
      return request;
    }
    if (view.awsSigned() || sdkRequest(view, host)) {
      decisions.allow(call, host, SIGNED, null);
      view.decided();
      return request;
    }
    Object withToken = withToken(call, state, view, host, route);
    view.decided();
    return withToken;
  }

  /**
   * Checks a request as the client is about to send it, after {@link #decide}: on the way the
   * client may have run code of the application's that sets headers (OkHttp interceptors, Apache
   * request interceptors and authentication) or made a new request. A request to an external API
   * goes out with a token this call was given for it in the API's header, or is given one now in
   * place of whatever the client put there; a host outside the egress list is refused.
   *
   * @param target for Apache HttpClient 4, the execution's {@code HttpContext}; else {@code null}
   * @return the request to send
   * @throws TetherDeniedException when the request must not go out
   */
  public Object decideSending(Object context, String client, Object request, Object target) {
    if (!(context instanceof ToolCall)) {
      return request;
    }
    ToolCall call = (ToolCall) context;
    HttpRequestView view = views.ofSending(client, request, target);
    HttpCallState state = state(call);
    if (view.sentWhereDecided() && state.lastGivenIsIn(view)) {
      return request; // the request decided a moment ago, its token the header's only value
    }
    String host = view.host();
    HttpCallState.Destination destination =
        destination(call, state, view, host, view.port(), NOTHING_SENT);
    if (destination == null || destination.route == null) {
      return request;
    }
    ApiRoutes.Route route = destination.route;
    if (state.wasGiven(view.onlyValue(route.api.header()), route)
        && !view.carriesAny(route.removedHeaders)) {
      return request; // a token given for its API is still the header's only value
    }
    if (view.awsSigned() || sdkRequest(view, host)) {
      return request;
    }
    return withToken(call, state, view, host, route);
  }

  /**
   * Where a request goes, once the call's egress list admits it: the call's last destination, else
   * looked up and kept as the last. {@code null} for the AWS SDK's own request, left alone.
   *
   * @throws TetherDeniedException when the host is outside the egress list
   */
  private HttpCallState.Destination destination(
      ToolCall call, HttpCallState state, HttpRequestView view, String host, int port,
      String refusal) {
    HttpCallState.Destination last = state.last;
    if (last != null && last.is(host, port)) {
      return last; // this call's last destination: admitted already
    }
    if (!HttpDecisions.inEgress(call, host)) {
      if (sdkRequest(view, host)) {
        return null;
      }
      throw decisions.outsideEgress(call, host,
          host == null ? "a request that names no host" : "a request to " + host, refusal);
    }
    HttpCallState.Destination admitted =
        new HttpCallState.Destination(host, port, apis.find(host, port));
    state.last = admitted;
    return admitted;
  }

  /**
   * Decides the next hop a client makes by itself, below the hook that decided the first: a
   * redirect, an authentication challenge or a retry. Its host may differ, so it is decided as a
   * request is, and the client may have copied the previous hop's headers onto it: a token this
   * call was given for another API is taken off (or, where the client's request cannot change, the
   * hop is refused), so that it never reaches a host it was not issued for.
   *
   * @param redirected for Apache HttpClient 4, the request that was redirected, whose headers its
   *     client copies onto {@code request} when that has none; else {@code null}
   * @return the request the client sends next
   * @throws TetherDeniedException when the hop must not go out
   */
  public Object decideFollowUp(Object context, String client, Object request, Object redirected) {
    if (!(context instanceof ToolCall)) {
      return request;
    }
    ToolCall call = (ToolCall) context;
    HttpCallState state = state(call);
    if (redirected != null) {
      Apache4Redirect.inheritHeaders(request, redirected);
      // The redirected request is not sent again; the client copies the first one's headers onto
      // a next hop left without any, so none of them may keep a token either.
      withoutGivenTokens(state, views.of(client, redirected, null));
      Object original = Apache4Redirect.originalOf(redirected);
      if (original != null) {
        withoutGivenTokens(state, views.of(client, original, null));
      }
    }
    HttpRequestView view = views.ofFollowUp(client, request);
    String host = view.host();
    int port = view.port();
    requireNextHopEgress(call, host, "the next hop of a redirect or retry, which names no host");
    ApiRoutes.Route route = apis.find(host, port);
    String reason = route == null ? EGRESS_ONLY : route.allowReason;
    for (String header : apis.headers()) {
      ApiRoutes.Route givenFor = state.givenFor(view.header(header));
      if (givenFor == null || (route != null && header.equalsIgnoreCase(route.api.header()))) {
        continue; // not a token this call was given, or the header this hop's API token goes in
      }
      if (!view.canChangeHeaders()) {
        throw decisions.deny(call, host, "Tether refused a request to " + host + " in tool '"
            + call.tool() + "': the JDK HttpClient followed a redirect there by itself with the"
            + " token issued for " + givenFor.api.host() + " in " + header + ", and cannot be"
            + " made to leave it out; " + FOLLOW_IN_CODE);
      }
      request = view.withoutHeader(header);
      reason = reason + "; the token for " + givenFor.api.host() + " in " + header
          + " taken off";
    }
    if (route == null || view.awsSigned()) {
      decisions.allow(call, host, route == null ? reason : SIGNED, null);
      return request;
    }
    if (view.canChangeHeaders()) {
      return withToken(call, state, view, host, route);
    }
    // The JDK client's own request keeps the previous hop's headers: a token kept for the call
    // may go on to its API, a single-use one (spent) or none at all may not.
    String carried = view.header(route.api.header());
    if (view.carriesAny(route.removedHeaders)) {
      throw decisions.deny(call, host, "Tether refused a request to " + host + " in tool '"
          + call.tool() + "': the JDK HttpClient made it by itself (a redirect or an authentication"
          + " retry) with one of " + Arrays.toString(route.removedHeaders) + ", which"
          + " requests to this API go without and which cannot be taken off; " + FOLLOW_IN_CODE);
    }
    if (!route.api.token().equals(ApiConfig.SINGLE_USE) && state.givenFor(carried) == route) {
      tokens.requireUsable(call, route.what);
      decisions.allow(call, host, route.allowReason, route.api.token());
      return request;
    }
    throw decisions.deny(call, host, "Tether refused a request to " + host + " in tool '"
        + call.tool() + "': the JDK HttpClient made it by itself (a redirect or an authentication"
        + " retry), and its request cannot be given " + route.what + "; " + FOLLOW_IN_CODE);
  }

  private static final String FOLLOW_IN_CODE = "build the client with"
      + " followRedirects(HttpClient.Redirect.NEVER) and follow redirects in code, where each"
      + " request is decided; nothing was sent";

  /** The request with a token issued for this call in the API's header, replacing its value. */
  private Object withToken(
      ToolCall call, HttpCallState state, HttpRequestView view, String host, ApiRoutes.Route route) {
    if (!"https".equals(view.scheme()) && !isLoopback(host)) {
      throw decisions.deny(call, host, "Tether refused a request to " + host + " in tool '"
          + call.tool() + "': its token would travel over plain http; use https://" + host
          + "; nothing was sent");
    }
    String value;
    try {
      value = headerValue(call, route);
    } catch (TetherDeniedException e) {
      decisions.denied(call, host, e.getMessage(), route.api.token()); // no token, nothing sent
      throw e;
    }
    state.gave(value, route);
    Object withToken = view.withHeader(route.api.header(), value, route.removedHeaders);
    decisions.allow(call, host, route.allowReason, route.api.token());
    return withToken;
  }

  /** Takes every token this call was given off a request that is not sent again. */
  private void withoutGivenTokens(HttpCallState state, HttpRequestView view) {
    for (String header : apis.headers()) {
      if (state.givenFor(view.header(header)) != null) {
        view.withoutHeader(header);
      }
    }
  }

  private static HttpCallState state(ToolCall call) {
    Object state = call.httpState();
    return (HttpCallState) (state != null ? state : call.httpState(HttpCallState::new));
  }

  /**
   * A tool call ended: the GitHub installation tokens it was given are revoked (in the
   * background), so that none outlives its call. Call before {@link ToolCall#end()}.
   */
  public void toolCallEnded(ToolCall call) {
    for (ApiRoutes.Route route : apis.gitHubRoutes()) {
      String headerValue = call.takeApiToken(route.cacheKey);
      if (headerValue != null) {
        revoker.revoke(route.api, headerValue, call.tool(), call.span());
      }
    }
  }

  /**
   * Refuses a redirect to {@code location} before the client builds it, when its host is outside
   * the tool's egress list (the redirect itself is decided where the client lets Tether see it).
   */
  public void requireRedirectEgress(Object context, java.net.URI location) {
    if (!(context instanceof ToolCall)) {
      return;
    }
    requireNextHopEgress((ToolCall) context, HttpRequestView.lower(location.getHost()),
        "a redirect to " + location + ", which names no host");
  }

  /** Refuses a next hop to {@code host} outside the call's egress list; {@code unnamed} if none. */
  private void requireNextHopEgress(ToolCall call, String host, String unnamed) {
    if (!HttpDecisions.inEgress(call, host)) {
      throw decisions.outsideEgress(call, host, host == null
          ? unnamed
          : "a request to " + host + " (the next hop of a redirect or retry)", NO_CONNECTION);
    }
  }

  /**
   * Refuses a token a tool asks for by code ({@code TetherTokens}) for an audience outside its
   * egress list: the same rule as for the tokens the agent attaches itself.
   */
  public void requireEgress(Object context, String audience) {
    if (!(context instanceof ToolCall) || audience == null) {
      return; // the issuer refuses these with its own reason
    }
    ToolCall call = (ToolCall) context;
    int colon = audience.lastIndexOf(':');
    String host = (colon > 0 ? audience.substring(0, colon) : audience)
        .toLowerCase(java.util.Locale.ROOT);
    if (!HttpDecisions.inEgress(call, host)) {
      throw decisions.outsideEgress(call, host, "an API token for " + audience, "");
    }
  }

  private static final String NO_CONNECTION = ", no connection opened";
  /** Where a request is refused as it is sent, the client may have connected: nothing more. */
  private static final String NOTHING_SENT = "";
  private static final String EGRESS_ONLY = "in the tool's egress list";
  private static final String SIGNED = "signed with AWS SigV4: left as it is";

  /** The header's value: a fresh single-use token, or the one the tool call keeps for the API. */
  private String headerValue(ToolCall call, ApiRoutes.Route route) {
    ApiConfig api = route.api;
    if (api.token().equals(ApiConfig.SINGLE_USE)) {
      return api.headerValue(tokens.singleUse(call, api.host()));
    }
    tokens.requireUsable(call, route.what);
    String kept = call.keptApiToken(route.cacheKey);
    if (kept != null) {
      return kept; // no supplier made for a token the call keeps: this is every request but one
    }
    return call.apiToken(route.cacheKey, () -> {
      ToolCall.ApiToken token = api.token().equals(ApiConfig.GITHUB)
          ? tokens.gitHubToken(call)
          : tokens.timeBoxedToken(call, api.host());
      return new ToolCall.ApiToken(api.headerValue(token.value()), token.expiresAtEpochMillis());
    });
  }

  /**
   * Whether this is the AWS SDK request Tether authorized a moment ago, being sent through one of
   * the clients the SDK sends with: decided already, never modified. Asked only where it matters
   * (a request about to be refused or given a token): it costs a thread-local lookup.
   */
  private static boolean sdkRequest(HttpRequestView view, String host) {
    return view.carriesAwsSdkRequests() && host != null && AwsTransmission.isTransmitting(host);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1")
        || host.equals("[::1]");
  }
}
