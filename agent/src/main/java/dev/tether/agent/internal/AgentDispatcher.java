package dev.tether.agent.internal;

import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.aws.AwsRequestGuard;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.DispatchedTools;
import dev.tether.agent.internal.context.ToolBatchRequests;
import dev.tether.agent.internal.context.ToolBoundaries;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.context.Turn;
import dev.tether.agent.internal.context.deferred.DeferredContext;
import dev.tether.agent.internal.context.deferred.DeferredResults;
import dev.tether.agent.internal.http.HttpRequestGuard;
import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.agent.internal.install.StartupGate;
import dev.tether.agent.internal.task.TaskSession;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.task.TaskUnavailable;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDispatcher;
import dev.tether.bootstrap.ToolContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent behind the bootstrap bridge: the task session, turn and tool-call tokens at their
 * boundaries, AWS decisions, helpers.
 */
final class AgentDispatcher implements TetherDispatcher {

  private static final long STARTUP_WAIT_SECONDS = 30;

  static final String AWS_INTERCEPTOR =
      "dev.tether.instrumentation.awssdk.v2.TetherExecutionInterceptor";

  private final ToolBoundaries boundaries;
  private final TaskSessions sessions;
  private final Derivations derivations;
  private final AwsRequestGuard aws;
  private final ApiTokenIssuer apiTokens;
  private final HttpRequestGuard http;
  private final HelperInjector helpers;
  private final Telemetry telemetry;
  private final StartupGate startup;
  private final AtomicInteger turns = new AtomicInteger();

  AgentDispatcher(
      ToolBoundaries boundaries,
      TaskSessions sessions,
      Derivations derivations,
      AwsRequestGuard aws,
      ApiTokenIssuer apiTokens,
      HttpRequestGuard http,
      HelperInjector helpers,
      Telemetry telemetry,
      StartupGate startup) {
    this.apiTokens = apiTokens;
    this.http = http;
    this.boundaries = boundaries;
    this.sessions = sessions;
    this.derivations = derivations;
    this.aws = aws;
    this.helpers = helpers;
    this.telemetry = telemetry;
    this.startup = startup;
  }

  /**
   * What exitTool/exitTurn need: the context to restore and the scope to close; {@code ended}
   * makes a tool call's or a turn's end happen once, whichever way reaches it first (a deferred
   * result's end, or the bridge closing the scope after a failure).
   */
  private record Scope(Object previous, ToolCall call, Turn turn, AtomicBoolean ended) {
    Scope(Object previous, ToolCall call, Turn turn) {
      this(previous, call, turn, new AtomicBoolean());
    }
  }

  @Override
  public Object enterTool(Class<?> declaringType, String methodName, String descriptor) {
    startup.await(STARTUP_WAIT_SECONDS); // executors must carry the context before one exists
    ToolBoundaries.Binding binding = boundaries.resolve(declaringType, methodName, descriptor);
    Object current = ToolContext.current();
    if (current instanceof ToolCall && ((ToolCall) current).boundary() == binding) {
      return null; // the same tool method re-entered (recursion, super call): one scope
    }
    if (current instanceof ToolCall && !((ToolCall) current).ended()
        && ((ToolCall) current).tool().equals(binding.toolName())) {
      // The @Tool method of a call a dispatcher already opened, run on another thread (Quarkus's
      // @RunOnVirtualThread tools): the context came with the task; one call, one scope.
      return null;
    }
    return open(binding, current, null);
  }

  /**
   * A framework's dispatcher runs one tool call: the tool is the configured one of the name the
   * model asked for; a name with no configured entry runs outside any tool scope.
   */
  @Override
  public Object enterDispatchedTool(Object request, String hookedType) {
    return enterDispatchedTool(request, request, hookedType);
  }

  @Override
  public Object enterDispatchedTool(Object named, Object identified, String hookedType) {
    startup.await(STARTUP_WAIT_SECONDS);
    DispatchedTools dispatched = boundaries.dispatched();
    String name = dispatched.name(named, hookedType);
    ToolBoundaries.Binding binding = name == null ? null : dispatched.binding(name, hookedType);
    if (binding == null) {
      return null;
    }
    Object current = ToolContext.current();
    if (current instanceof ToolCall && !((ToolCall) current).ended()
        && ((ToolCall) current).tool().equals(binding.toolName())) {
      // The same call reaching a second framework's dispatcher on another thread (a Spring AI tool
      // served by the MCP SDK, whose scope came here with the task): one call, one scope.
      return null;
    }
    return open(binding, current, dispatched.callId(identified));
  }

  /** Opens the tool call's scope on this thread, inside the turn running here, if any. */
  private Scope open(ToolBoundaries.Binding binding, Object current, String frameworkCallId) {
    Turn turn =
        current instanceof Turn
            ? (Turn) current
            : current instanceof ToolCall ? ((ToolCall) current).turn() : null;
    TaskSession session = turn != null ? turn.session() : null;
    String unavailable = null;
    if (turn == null) {
      try {
        session = sessions.current();
      } catch (TaskUnavailable e) {
        unavailable = e.getMessage();
      }
    }
    ToolCall call =
        binding.config() == null
            // An annotated method the configuration does not list: scoped, so that nothing it does
            // runs unscoped, but refused, as a dispatched call of an unlisted name is.
            ? derivations.refusedToolCall(session, turn, binding.toolName(), binding,
                "tool '" + binding.toolName() + "' has no entry under 'tools:' in Tether's"
                    + " configuration; add one (name: " + binding.toolName() + ") to give it"
                    + " credentials")
            : derivations.toolCall(
                session, turn, binding.toolName(), binding.config().aws(), binding, unavailable);
    if (frameworkCallId != null) {
      call.span().attribute("gen_ai.tool.call.id", frameworkCallId);
    }
    return new Scope(ToolContext.attach(call), call, null);
  }

  @Override
  public void exitTool(Object handle, Throwable thrown) {
    Scope scope = (Scope) handle;
    ToolContext.restore(scope.previous());
    endCall(scope, thrown, null, false);
  }

  /**
   * A dispatched tool's method returned: this thread goes back to its previous context now; a
   * deferred result (a {@code Mono}, an RxJava source, a {@code CompletionStage}) keeps the call
   * open until its work completes, fails or is cancelled, and is returned as a value that runs
   * that work inside the call ({@link DeferredResults}); anything else ends the call now.
   */
  @Override
  public Object exitToolDeferred(Object handle, Object result) {
    Scope scope = (Scope) handle;
    return followOrEnd(scope, scope.call(), "tool '" + scope.call().tool() + "'", result);
  }

  /**
   * Restores this thread's previous context, then follows {@code result} with {@code context}
   * attached around its work, the scope ending when that work ends; a result that is no work to
   * follow ends the scope now and is returned as it is.
   */
  private Object followOrEnd(Scope scope, Object context, String subject, Object result) {
    ToolContext.restore(scope.previous());
    DeferredEnding ending = new DeferredEnding(scope);
    Object followed = DeferredResults.follow(result, new DeferredContext(context, subject, ending));
    if (followed == DeferredResults.NOT_FOLLOWED) {
      ending.ended(null, null, false);
      return result;
    }
    return followed;
  }

  /** Ends the scope's tool call, once: its credentials and tokens dropped, its span ended. */
  private void endCall(Scope scope, Throwable thrown, String deferredType, boolean cancelled) {
    if (!scope.ended().compareAndSet(false, true)) {
      return;
    }
    ToolCall call = scope.call();
    http.toolCallEnded(call); // GitHub tokens die with their call
    call.end();
    call.span().attribute("tether.tool.deferred", deferredType);
    if (cancelled) {
      call.span().attribute("tether.tool.cancelled", "true");
    }
    if (thrown != null) {
      call.span().attribute("tether.tool.error", thrown.getClass().getName());
    }
    call.span().end();
  }

  /** The end of a scope: its deferred result's work, on whichever thread it happens, or now. */
  private final class DeferredEnding implements DeferredContext.Ending {
    private final Scope scope;

    DeferredEnding(Scope scope) {
      this.scope = scope;
    }

    @Override
    public void ended(String deferredType, Throwable failure, boolean cancelled) {
      if (scope.call() != null) {
        endCall(scope, failure, deferredType, cancelled);
      } else {
        endTurn(scope, failure, deferredType, cancelled);
      }
    }
  }

  @Override
  public Object enterTurn(Class<?> declaringType, String methodName, String descriptor) {
    if (ToolContext.current() != null) {
      return null; // already inside a turn or a tool: turns do not nest
    }
    startup.await(STARTUP_WAIT_SECONDS);
    int number = turns.incrementAndGet();
    Turn turn;
    try {
      turn = derivations.turn(sessions.current(), number);
    } catch (TaskUnavailable e) {
      turn = derivations.refusedTurn(number, e.getMessage());
    }
    return new Scope(ToolContext.attach(turn), null, turn);
  }

  /**
   * A framework runs the tool calls one model response asked for: a turn narrowed to those tools
   * (within the turn already running, if one is), so the turn token holds no other tool. Inside a
   * tool call (an agent used as a tool) it opens nothing: the inner calls run in the outer scope.
   */
  @Override
  public Object enterToolBatch(Object requests, String hookedType) {
    Object current = ToolContext.current();
    if (current instanceof ToolCall) {
      return null;
    }
    startup.await(STARTUP_WAIT_SECONDS);
    List<String> requested =
        boundaries.dispatched().names(ToolBatchRequests.of(requests, hookedType), hookedType);
    int number = turns.incrementAndGet();
    Turn within = (Turn) current;
    Turn turn;
    try {
      TaskSession session = within != null && within.session() != null ? within.session() : sessions.current();
      turn = derivations.toolPhase(session, within, number, requested);
    } catch (TaskUnavailable e) {
      turn = derivations.refusedTurn(number, e.getMessage());
    }
    return new Scope(ToolContext.attach(turn), null, turn);
  }

  @Override
  public void exitTurn(Object handle, Throwable thrown) {
    Scope scope = (Scope) handle;
    ToolContext.restore(scope.previous());
    endTurn(scope, thrown, null, false);
  }

  /**
   * A tool phase's method returned its work instead of doing it (Google ADK's lazy {@code Maybe}):
   * this thread goes back to its previous context now; the turn is attached around each
   * subscription of the work, so that the tool calls it runs open inside the turn, and ends when
   * the work completes, fails or is cancelled ({@link DeferredResults}); anything else ends the
   * turn now.
   */
  @Override
  public Object exitTurnDeferred(Object handle, Object result) {
    Scope scope = (Scope) handle;
    return followOrEnd(
        scope, scope.turn(), "the tool phase of turn " + scope.turn().number(), result);
  }

  /** Ends the scope's turn, once: its span ended (with how its deferred work ended, if any). */
  private void endTurn(Scope scope, Throwable thrown, String deferredType, boolean cancelled) {
    if (!scope.ended().compareAndSet(false, true)) {
      return;
    }
    SpanHandle span = scope.turn().span();
    span.attribute("tether.turn.deferred", deferredType);
    if (cancelled) {
      span.attribute("tether.turn.cancelled", "true");
    }
    if (thrown != null) {
      span.attribute("tether.turn.error", thrown.getClass().getName());
    }
    span.end();
  }

  @Override
  public String narrowTurn(Collection<String> tools, Collection<String> repos) {
    Object current = ToolContext.current();
    if (!(current instanceof Turn)) {
      return current instanceof ToolCall
          ? "a turn is narrowed between tool calls, not inside one"
          : "no turn is running on this thread (configure turns.boundaries)";
    }
    return derivations.narrow((Turn) current, List.copyOf(tools), List.copyOf(repos));
  }

  @Override
  public String singleUseToken(String audience) {
    http.requireEgress(ToolContext.current(), audience);
    return apiTokens.singleUse(ToolContext.current(), audience);
  }

  @Override
  public String timeBoxedToken(String audience) {
    http.requireEgress(ToolContext.current(), audience);
    return apiTokens.timeBoxed(ToolContext.current(), audience);
  }

  @Override
  public String gitHubToken() {
    return apiTokens.gitHub(ToolContext.current());
  }

  @Override
  public Object onHttpRequest(Object context, String client, Object request, Object target) {
    return http.decide(context, client, request, target);
  }

  @Override
  public Object onHttpFollowUp(Object context, String client, Object request, Object redirected) {
    return http.decideFollowUp(context, client, request, redirected);
  }

  @Override
  public Object onHttpSending(Object context, String client, Object request, Object target) {
    return http.decideSending(context, client, request, target);
  }

  @Override
  public void onHttpRedirectLocation(String client, java.net.URI location) {
    http.requireRedirectEgress(ToolContext.current(), location);
  }

  @Override
  public IssuedAwsCredentials authorizeAwsRequest(
      String service,
      String operation,
      String region,
      Map<String, String> requestFields,
      String endpoint) {
    return aws.authorize(ToolContext.current(), service, operation, region, requestFields, endpoint);
  }

  @Override
  public IssuedAwsCredentials onAmbientCredentialsRequested(String providerClass) {
    return aws.onAmbientProvider(ToolContext.current(), providerClass);
  }

  @Override
  public Object createAwsInterceptor(ClassLoader sdkClassLoader) {
    // A client being built: its first request is near, so redeem a grant handed over since start.
    sessions.prepareSoon();
    try {
      return helpers.newInstance(sdkClassLoader, AWS_INTERCEPTOR);
    } catch (ReflectiveOperationException | LinkageError e) {
      System.err.println(
          "[tether] cannot attach to the AWS SDK loaded by " + sdkClassLoader + ": " + e
              + "; its clients' requests are refused by the credential-provider hooks only");
      return null;
    }
  }

  @Override
  public void onSigningMismatch(
      String service, String operation, String expectedKeyId, String actualKeyId) {
    telemetry
        .start(Telemetry.SPAN_DECISION, null)
        .attribute("tether.decision", "deny")
        .attribute("tether.reason", "signed with " + actualKeyId + " instead of " + expectedKeyId)
        .attribute("tether.aws.action", service + "." + operation)
        .end();
  }
}
