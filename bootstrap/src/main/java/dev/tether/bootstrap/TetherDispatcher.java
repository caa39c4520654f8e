package dev.tether.bootstrap;

import java.util.Collection;
import java.util.Map;

/**
 * What advice and helper classes ask of the agent. Only JDK types cross this interface, because
 * its callers live in the bootstrap loader, the JDK and application class loaders, while its
 * implementation lives in the agent's own hidden class loader.
 */
public interface TetherDispatcher {

  /**
   * A tool method was entered. Returns a handle for {@link #exitTool}, or {@code null} when this
   * entry opens nothing (e.g. the same tool method re-entered on this thread).
   */
  Object enterTool(Class<?> declaringType, String methodName, String descriptor);

  void exitTool(Object handle, Throwable thrown);

  /** A turn boundary was entered; same contract as {@link #enterTool}. */
  Object enterTurn(Class<?> declaringType, String methodName, String descriptor);

  void exitTurn(Object handle, Throwable thrown);

  /**
   * A framework's dispatcher is about to run one tool call: {@code request} is its request object
   * (LangChain4j's {@code ToolExecutionRequest}), read through its public {@code name()} and {@code
   * id()}. Returns a handle for {@link #exitTool}, or {@code null} when the call runs outside any
   * tool scope (its name is not a configured tool). Nested hits for one call are filtered out by
   * {@link ToolHooks} before they reach here.
   *
   * @param hookedType the binary name of the class whose method was hooked, for reports
   */
  default Object enterDispatchedTool(Object request, String hookedType) {
    return null;
  }

  /**
   * As {@link #enterDispatchedTool(Object, String)}, the call id read from {@code identified}
   * (through {@code id()} or {@code functionCallId()}) rather than from {@code named}.
   */
  default Object enterDispatchedTool(Object named, Object identified, String hookedType) {
    return enterDispatchedTool(named, hookedType);
  }

  /**
   * A dispatched tool call's method returned {@code result} (called through {@link
   * ToolHooks#exitDispatchedToolReturning}): restores the context of this thread now, and, when
   * {@code result} is work still to run (a {@code Mono} or {@code Flux}, an RxJava source, a {@code
   * CompletionStage}), returns an equivalent value of a type the method can still return, whose
   * subscriptions run inside the tool call and whose first completion, failure or cancellation
   * ends it, exactly once. Any other result ends the call now and is returned as it is.
   *
   * <p>The default, for dispatchers that follow nothing, ends the call now.
   *
   * @param handle what {@link #enterDispatchedTool} returned
   */
  default Object exitToolDeferred(Object handle, Object result) {
    exitTool(handle, null);
    return result;
  }

  /**
   * A framework is about to run the tool calls one model response asked for ({@code requests}, a
   * {@code java.util.List} of request objects as for {@link #enterDispatchedTool}): opens a turn
   * narrowed to those tools. Returns a handle for {@link #exitTurn}, or {@code null} when this
   * opens nothing (inside a tool call).
   */
  default Object enterToolBatch(Object requests, String hookedType) {
    return null;
  }

  /**
   * A tool phase's method returned {@code result} (called through {@link
   * ToolHooks#exitDeferredToolBatchReturning}), the counterpart of {@link #exitToolDeferred} for
   * the turn {@link #enterToolBatch} opened: restores the context of this thread now, and, when
   * {@code result} is work still to run, returns an equivalent value whose subscriptions run inside
   * the turn and whose first completion, failure or cancellation ends it, exactly once. Any other
   * result ends the turn now and is returned as it is.
   *
   * <p>The default, for dispatchers that follow nothing, ends the turn now.
   *
   * @param handle what {@link #enterToolBatch} returned
   */
  default Object exitTurnDeferred(Object handle, Object result) {
    exitTurn(handle, null);
    return result;
  }

  /**
   * Narrows the running turn to these tools and repositories, for a runtime that knows its turn
   * plan (called through {@code dev.tether.api.TetherTurns}). A turn can only narrow.
   *
   * @return {@code null} when narrowed, or why not (no turn running, a tool the turn lacks)
   */
  String narrowTurn(Collection<String> tools, Collection<String> repos);

  /**
   * A single-use token for an external API, for the tool call running on this thread (called
   * through {@code dev.tether.api.TetherTokens}): the resource server accepts it once.
   *
   * @param audience the API's host (and port), e.g. {@code api.example.com}
   * @throws TetherDeniedException outside any tool call, or when the Vault refuses
   */
  String singleUseToken(String audience);

  /** As {@link #singleUseToken}, accepted until the tool call's token expires (60 s at most). */
  String timeBoxedToken(String audience);

  /**
   * A GitHub installation token for the tool call running on this thread: the turn's
   * repositories, the tool's permissions (called through {@code dev.tether.api.TetherTokens}).
   *
   * @throws TetherDeniedException outside any tool call, or when the Vault refuses
   */
  String gitHubToken();

  /**
   * Decides an HTTP request made inside a tool call, before any connection is opened (called
   * through {@link HttpHooks}).
   *
   * @param context the tool context the request is made in, read once by the hook
   * @param client which client, one of the {@code HttpHooks} client names
   * @param request the client's request object ({@code HttpURLConnection} for that client)
   * @param target the client's separate target host object, or {@code null}
   * @return the request to send: the same object (headers set in place where the client allows
   *     it) or a copy carrying the API token
   * @throws TetherDeniedException when the host is outside the tool's egress list, or a token for
   *     an external API cannot be had
   */
  Object onHttpRequest(Object context, String client, Object request, Object target);

  /**
   * Decides the next hop a client makes by itself inside a tool call (a redirect, an
   * authentication challenge, a retry), before it connects there.
   *
   * @param context the tool context the first request was made in
   * @param client which client, one of the {@code HttpHooks} client names
   * @param request the next hop's request, as the client made it
   * @param redirected for Apache HttpClient 4, the request that was redirected; else {@code null}
   * @return the request to send next: the same object or a copy
   * @throws TetherDeniedException when its host is outside the tool's egress list, or it would
   *     carry a token to a host the token was not issued for and cannot be changed
   */
  Object onHttpFollowUp(Object context, String client, Object request, Object redirected);

  /**
   * Checks a request as the client is about to send it, after what the application set the client
   * up to add on the way (OkHttp interceptors, Apache request interceptors): an external API's
   * header must hold the token Tether gave the tool call, and is given one otherwise, replacing
   * whatever the client put there.
   *
   * @param context the tool context the request was made in
   * @param client which client, one of the {@code HttpHooks} client names
   * @param request the request as the client is about to send it
   * @param target where the client keeps the target host apart from the request (Apache
   *     HttpClient 4: the execution's {@code HttpContext}), or {@code null}
   * @return the request to send: the same object (headers set in place where the client allows
   *     it) or a copy carrying the API token
   * @throws TetherDeniedException when the host is outside the tool's egress list, or a token for
   *     an external API cannot be had
   */
  Object onHttpSending(Object context, String client, Object request, Object target);

  /**
   * Checks where a client is about to redirect a request inside a tool call, before it builds the
   * redirect (Apache HttpClient 5, whose redirect is decided as a whole only from 5.4).
   *
   * @throws TetherDeniedException when the location's host is outside the tool's egress list
   */
  void onHttpRedirectLocation(String client, java.net.URI location);

  /**
   * Decides, on the calling thread and before anything is signed, whether an AWS SDK request may
   * go out and with which credentials.
   *
   * @param service the SDK service name (e.g. {@code S3})
   * @param operation the SDK operation name (e.g. {@code GetObject})
   * @param requestFields the request's string-valued members by their member name (e.g. Bucket, Key)
   * @param endpoint the endpoint the request is addressed to ({@code scheme://host:port}), or null
   * @return the credentials the request must be signed with, or {@code null} when the request is
   *     Tether's own (addressed to the Vault) and must be left untouched
   * @throws TetherDeniedException when the request is outside the running tool's scope, outside
   *     any tool where the rule denies it, or the credentials cannot be obtained
   */
  IssuedAwsCredentials authorizeAwsRequest(
      String service,
      String operation,
      String region,
      Map<String, String> requestFields,
      String endpoint);

  /**
   * An ambient AWS credentials provider (default chain, IMDS, container, environment...) was asked
   * for credentials by code outside the SDK's request pipeline.
   *
   * @return the tool call's credentials to hand out instead, or {@code null} to let the original
   *     provider answer (ambient credentials permitted here)
   * @throws TetherDeniedException when ambient credentials are refused here
   */
  IssuedAwsCredentials onAmbientCredentialsRequested(String providerClass);

  /**
   * Creates Tether's {@code ExecutionInterceptor} for SDK clients whose classes come from {@code
   * sdkClassLoader}, or returns {@code null} when it cannot (the caller then adds nothing and every
   * request of that client is refused by the ambient-provider hooks instead).
   */
  Object createAwsInterceptor(ClassLoader sdkClassLoader);

  /** Reports a signed request whose key is not the one Tether decided; the request is stopped. */
  void onSigningMismatch(String service, String operation, String expectedKeyId, String actualKeyId);
}
