package dev.tether.bootstrap;


/**
 * Woven into the HTTP clients (JDK {@code HttpClient}, {@code HttpURLConnection}, Apache
 * HttpClient 4 and 5, OkHttp) where a request is handed over, before any connection is opened, and
 * (OkHttp, Apache) where it is sent, after the code the application set the client up to run on it.
 * Outside tool calls, and for the agent's own traffic, nothing changes and nothing is asked. Inside
 * a tool call the agent decides: a host outside the tool's egress list is refused with a {@link
 * TetherDeniedException}; a request to an external API gets a fresh token in its configured
 * header, replacing any ambient value. Parameters are {@code Object}: the JDK client lives in the
 * platform loader and the others in the application's, none of which this loader can see.
 */
public final class HttpHooks {

  public static final String JDK_HTTP_CLIENT = "java.net.http.HttpClient";
  public static final String URL_CONNECTION = "java.net.HttpURLConnection";
  public static final String OKHTTP = "okhttp3";
  public static final String APACHE_5 = "org.apache.hc.client5";
  public static final String APACHE_4 = "org.apache.http.client";

  private HttpHooks() {}

  /**
   * The JDK client copying the application's request ({@code HttpRequestImpl(request,
   * proxySelector)}, first thing in {@code send} and {@code sendAsync}) as it copies the request's
   * headers, {@code request.headers().map()}: the headers to copy instead.
   */
  public static Object jdkHttpClientHeaders(Object headers, Object request) {
    Object decided = decide(JDK_HTTP_CLIENT, request, headers);
    return decided == request ? headers : decided;
  }

  /** The JDK's {@code HttpURLConnection} connecting or opening a stream: headers set in place. */
  public static Object urlConnectionConnecting(Object connection) {
    // The agent's own requests (Vault, attestors) all go through HttpURLConnection.
    if (!OwnTraffic.active()) {
      decide(URL_CONNECTION, connection, null);
    }
    return null;
  }

  /** The matching exit of {@link #urlConnectionConnecting}: nothing to undo. */
  public static void urlConnectionConnected(Object state, Throwable thrown) {}

  /** {@code OkHttpClient.newCall(Request)}: the request the call is made with instead. */
  public static Object okHttpRequest(Object request) {
    Object context = ToolContext.current();
    Object decided = decideIn(context, OKHTTP, request, null);
    // The call may be executed on another thread, or queued and run from OkHttp's: its next hops
    // are decided in this tool call (found again by the request its response carries), or outside
    // any, even if the application sent the same request object inside one before.
    ClientThreadContexts.rememberOrForget(decided, context);
    return decided;
  }

  /**
   * The JDK client's {@code MultiExchange.responseAsync}, on the thread that sends: remembers the
   * tool call the exchange belongs to.
   */
  public static Object jdkHttpClientExchangeStarting(Object exchange) {
    ClientThreadContexts.rememberOrForget(exchange, ToolContext.current());
    return null;
  }

  /** The matching exit of {@link #jdkHttpClientExchangeStarting}: nothing to undo. */
  public static void jdkHttpClientExchangeStarted(Object state, Throwable thrown) {}

  /**
   * The JDK client's {@code MultiExchange.responseFilters}: the request it makes by itself for a
   * redirect or an authentication retry, or {@code null} when there is none, decided in the tool
   * call the exchange started in. Only checked, never replaced: the client casts it back to its
   * internal type.
   */
  public static Object jdkHttpClientFollowUp(Object request, Object exchange) {
    Object context = request == null ? null : ClientThreadContexts.of(exchange);
    return context == null ? request : followUpIn(context, JDK_HTTP_CLIENT, request);
  }

  /**
   * OkHttp's {@code RetryAndFollowUpInterceptor.followUpRequest(response, exchange)}: the next hop
   * of a redirect, an authentication challenge or a retry, or {@code null} when there is none,
   * decided in the tool call the request before it was remembered with, else the thread's.
   */
  public static Object okHttpFollowUp(Object request, Object response) {
    if (request == null) {
      return null;
    }
    Object context = ClientThreadContexts.of(OkHttpResponses.request(response));
    if (context == null) {
      return request;
    }
    Object decided = followUpIn(context, OKHTTP, request);
    ClientThreadContexts.remember(decided, context); // the hop after it, wherever it runs
    return decided;
  }

  /**
   * OkHttp's {@code writeRequestHeaders(request)} (the HTTP/1 and HTTP/2 codecs of every OkHttp):
   * the request as it goes on the wire, after the application's and the network interceptors. The
   * request Tether decided passes as it is (OkHttp's requests are immutable); one an interceptor
   * made is decided again, in the tool call of the request it was made from, else of this thread.
   */
  public static Object okHttpSending(Object request) {
    if (request == null || ClientThreadContexts.decidedIn(request) != null) {
      return request;
    }
    return sendingIn(ClientThreadContexts.of(request), OKHTTP, request, null);
  }

  /**
   * OkHttp's {@code Request.newBuilder()}: a builder made from a request remembered with a tool
   * call carries that call on, as interceptors make their requests.
   */
  public static Object okHttpBuilder(Object builder, Object request) {
    ClientThreadContexts.rememberMadeFrom(builder, request);
    return builder;
  }

  /** OkHttp's {@code Request.Builder.build()}: the request gets what its builder carries. */
  public static Object okHttpBuilt(Object request, Object builder) {
    ClientThreadContexts.rememberMadeFrom(request, builder);
    return request;
  }

  /** Apache HttpClient 5 {@code doExecute(target, request, context)}: headers set in place. */
  public static Object apache5Request(Object request, Object target) {
    return decide(APACHE_5, request, target);
  }

  /**
   * Apache HttpClient 5 {@code DefaultRedirectStrategy.getLocationURI(request, response,
   * context)}: where the client is about to redirect {@code request}, checked before it builds
   * the redirect (every 5.x, classic and async; async runs it on its I/O threads, in the tool call
   * the request was remembered with).
   */
  public static Object apache5RedirectLocation(Object location, Object request) {
    Object context = ClientThreadContexts.of(request);
    ClientThreadContexts.forNextRedirect(context);
    if (context == null || !(location instanceof java.net.URI)) {
      return location;
    }
    Object previous = ToolContext.attach(context);
    try {
      TetherBridge.dispatcher().onHttpRedirectLocation(APACHE_5, (java.net.URI) location);
    } catch (TetherDeniedException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw undecided(APACHE_5, e);
    } finally {
      ToolContext.restore(previous);
    }
    return location;
  }

  /**
   * Apache HttpClient 5 (5.4 on) {@code isRedirectAllowed(current, newTarget, redirect,
   * context)}: the redirect, a copy of the request before it, headers set in place before the
   * strategy looks at them; remembered as the next hop's request.
   */
  public static Object apache5Redirect(Object redirect) {
    Object context = ClientThreadContexts.takeForRedirect();
    if (redirect == null || context == null) {
      return redirect;
    }
    Object decided = followUpIn(context, APACHE_5, redirect);
    ClientThreadContexts.remember(decided, context); // the hop after it, on the I/O threads
    return decided;
  }

  /** Apache HttpClient 5 async: a {@code BasicRequestProducer}'s request, as it is made. */
  public static Object apache5AsyncRequest(Object request) {
    return decide(APACHE_5, request, null);
  }

  /**
   * Apache HttpClient 5 async {@code AsyncRedirectExec.execute(request, producer, scope, ...)}, on
   * the sending thread: the request (the client's copy of the producer's) and the execution's
   * context are remembered with the tool call, for what the client does on its I/O threads: the
   * redirects it follows, and each request it sends (copied on the way, but always in that
   * context). An application may pass the same context to every execution: one started outside
   * any tool call forgets the call it was used in before.
   */
  public static Object apache5AsyncExecution(Object request, Object scope) {
    Object context = ToolContext.current();
    ClientThreadContexts.remember(request, context);
    ClientThreadContexts.rememberOrForget(ApacheScopes.clientContext(scope), context);
    return request;
  }

  /**
   * Apache HttpClient 5's {@code DefaultHttpProcessor.process(request, entity, context)}, which runs
   * the client's request interceptors as a request is about to be sent (classic and async): the
   * tool call and the request, for {@link #apache5Processed}, when it is sent in one; else {@code
   * null}.
   */
  public static Object apache5Processing(Object request, Object httpContext) {
    if (request == null || AwsTransmission.active()) {
      return null;
    }
    // The async client's I/O threads carry no tool context: the execution's context does.
    Object context = ClientThreadContexts.of(httpContext);
    return context == null ? null : new Object[] {context, request};
  }

  /**
   * After the interceptors: the API's header checked again, and set in place when they changed it.
   */
  public static void apache5Processed(Object state, Throwable thrown) {
    if (state != null && thrown == null) {
      Object[] contextAndRequest = (Object[]) state;
      sendingIn(contextAndRequest[0], APACHE_5, contextAndRequest[1], null);
    }
  }

  /** Apache HttpClient 4 {@code doExecute(target, request, context)}: headers set in place. */
  public static Object apache4Request(Object request, Object target) {
    return decide(APACHE_4, request, target);
  }

  /**
   * Apache HttpClient 4 {@code DefaultRedirectStrategy.getRedirect(redirected, response,
   * context)}: the redirect, headers set in place.
   */
  public static Object apache4Redirect(Object redirect, Object redirected) {
    return followUp(APACHE_4, redirect, redirected);
  }

  /**
   * Apache HttpClient 4's {@code HttpRequestExecutor.execute(request, connection, context)}: each
   * request as it is written, after the client's request interceptors and authentication (every
   * 4.x client, the deprecated {@code DefaultHttpClient} too), on the calling thread. The request's
   * URI is relative there: the client keeps the target host in {@code httpContext}.
   */
  public static Object apache4Sending(Object request, Object httpContext) {
    return AwsTransmission.active()
        ? request
        : sendingIn(ToolContext.current(), APACHE_4, request, httpContext);
  }

  private static Object sendingIn(Object context, String client, Object request, Object target) {
    if (request == null || context == null) {
      return request;
    }
    try {
      return TetherBridge.dispatcher().onHttpSending(context, client, request, target);
    } catch (TetherDeniedException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw undecided(client, e);
    }
  }

  private static Object decide(String client, Object request, Object target) {
    return decideIn(ToolContext.current(), client, request, target);
  }

  private static Object decideIn(Object context, String client, Object request, Object target) {
    if (request == null || context == null) {
      return request;
    }
    try {
      return TetherBridge.dispatcher().onHttpRequest(context, client, request, target);
    } catch (TetherDeniedException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw undecided(client, e);
    }
  }

  private static Object followUp(String client, Object request, Object redirected) {
    Object context = ToolContext.current();
    if (request == null || context == null) {
      return request;
    }
    try {
      return TetherBridge.dispatcher().onHttpFollowUp(context, client, request, redirected);
    } catch (TetherDeniedException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw undecided(client, e);
    }
  }

  /** {@link #followUp} in {@code context}, on a client thread that may carry none, or another. */
  private static Object followUpIn(Object context, String client, Object request) {
    Object previous = ToolContext.attach(context);
    try {
      return followUp(client, request, null);
    } finally {
      ToolContext.restore(previous);
    }
  }

  /** Inside a tool call a request Tether could not decide does not go out: fail closed. */
  private static TetherDeniedException undecided(String client, Throwable e) {
    return new TetherDeniedException("Tether refused an HTTP request through " + client
        + ": it could not be checked (" + e.getClass().getName() + "); nothing was sent", e);
  }
}
