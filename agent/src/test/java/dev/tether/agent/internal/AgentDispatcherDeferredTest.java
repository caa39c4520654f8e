package dev.tether.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.attest.TestWorkload;
import dev.tether.agent.internal.aws.AwsCredentialIssuer;
import dev.tether.agent.internal.aws.AwsRequestGuard;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.agent.internal.config.OutsideToolsRule;
import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolBoundaries;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.context.Turn;
import dev.tether.agent.internal.http.HttpRequestGuard;
import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.agent.internal.install.StartupGate;
import dev.tether.agent.internal.install.weave.ClassFiles;
import dev.tether.agent.internal.install.weave.ClassWeaver;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.TetherDispatcher;
import dev.tether.bootstrap.ToolContext;
import dev.tether.bootstrap.ToolHooks;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.wire.GrantRequest;
import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodMatcher;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.ToolDispatchAdvice;
import dev.tether.vault.Issuance;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.VaultSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A dispatched tool whose method returns its work, through the bridge as woven code calls it
 * ({@code ToolHooks.enterDispatchedTool}, then {@code exitDispatchedToolReturning}), against the
 * real agent dispatcher and a real Vault on loopback: the work, run later on a scheduler's thread,
 * gets the call's own credentials; the call's span ends once, when the work ends.
 */
class AgentDispatcherDeferredTest {

  private static final String DISPATCHER = "dev.langchain4j.service.tool.ToolService";
  private static final AwsScope READ_OWN =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::data/${task.id}/*"));
  private static final Map<String, String> OWN_OBJECT = Map.of("Bucket", "data", "Key", "t-9/a.txt");

  private static TetherVault vault;
  private static TetherDispatcher installedBefore;
  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  /** One dispatcher, one task session for the class: a grant is redeemed once. */
  private static AgentDispatcher dispatcher;

  /** The tool context the tool's work saw, each time it ran. */
  private final List<Object> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startVault() throws Exception {
    vault =
        TetherVault.start(
            VaultSettings.localDefaults()
                .withTools(ToolCatalogue.of(Map.of("reader", READ_OWN)))
                .withAttestation(TestWorkload.vaultPolicy()));
    System.setProperty("tether.vault.url", vault.url().toString());
    System.setProperty("tether.vault.token", vault.agentToken());
    System.setProperty(
        "tether.task.grant",
        new OrchestratorClient(vault.url(), vault.orchestratorToken(), 2000)
            .grant(new GrantRequest("t-9", "alice", List.of("acme/widgets"), List.of("reader"), 0))
            .token());
    dispatcher = dispatcher();
    installedBefore = TetherBridge.dispatcher();
    // Tether's executor hooks are woven only under -javaagent: the schedulers wrap their tasks instead.
    Schedulers.onScheduleHook("tether-executor-hooks", ToolContext::wrap);
    RxJavaPlugins.setScheduleHandler(ToolContext::wrap);
  }

  @AfterAll
  static void stopVault() {
    Schedulers.resetOnScheduleHook("tether-executor-hooks");
    RxJavaPlugins.setScheduleHandler(null);
    TetherBridge.install(installedBefore);
    System.clearProperty("tether.vault.url");
    System.clearProperty("tether.vault.token");
    System.clearProperty("tether.task.grant");
    vault.close();
  }

  /** The agent's dispatcher as premain builds it, for one configured tool, spans kept in memory. */
  private static AgentDispatcher dispatcher() throws Exception {
    Telemetry telemetry =
        Telemetry.using(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build()
                .get("test"));
    VaultEndpoint endpoint =
        new VaultEndpoint(new VaultConfig(null, null, Duration.ofSeconds(2)), "test.yaml");
    VaultClient client = new VaultClient(endpoint);
    TaskSessions sessions =
        new TaskSessions(
            new GrantSource(), client, TestWorkload.attestation(client, telemetry), telemetry,
            "test-agent");
    Derivations derivations = new Derivations(telemetry, TurnRule.all());
    ApiTokenIssuer apiTokens = new ApiTokenIssuer(client, sessions, derivations, telemetry);
    return new AgentDispatcher(
        new ToolBoundaries(
            ConfigLoader.parse(
                String.join(
                    "\n",
                    "tools:",
                    "  - name: reader",
                    "    aws:",
                    "      actions: [s3:GetObject]",
                    "      resources: [\"arn:aws:s3:::data/${task.id}/*\"]",
                    ""),
                "test.yaml")),
        sessions,
        derivations,
        new AwsRequestGuard(
            OutsideToolsRule.deny(),
            new AwsCredentialIssuer(client, sessions, derivations, telemetry),
            sessions,
            endpoint,
            telemetry,
            "test.yaml"),
        apiTokens,
        new HttpRequestGuard(List.of(), apiTokens, telemetry, "test.yaml",
            new HelperInjector(name -> null, List.of())),
        new HelperInjector(name -> null, List.of()),
        telemetry,
        StartupGate.opened());
  }

  @BeforeEach
  void installDispatcher() {
    spans.reset();
    TetherBridge.install(dispatcher);
  }

  @AfterEach
  void nothingLeftAttached() {
    assertThat(ToolContext.current()).isNull();
  }

  private static ToolExecutionRequest request(String id) {
    return ToolExecutionRequest.builder().id(id).name("reader").arguments("{}").build();
  }

  /** The tool's work: the S3 request it makes, decided on whichever thread it runs. */
  private IssuedAwsCredentials readOwnObject() {
    seen.add(ToolContext.current());
    return dispatcher.authorizeAwsRequest("S3", "GetObject", "us-east-1", OWN_OBJECT, null);
  }

  private List<SpanData> toolCallSpans() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> "tool_call".equals(s.getAttributes().get(AttributeKey.stringKey("tether.layer"))))
        .toList();
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMonosWorkGetsTheCallsCredentialsOnItsSchedulerAndTheCallEndsWhenItCompletes() {
    Object scope = ToolHooks.enterDispatchedTool(request("call_1"), DISPATCHER);
    assertThat(ToolContext.current()).isInstanceOf(ToolCall.class);
    ToolCall call = (ToolCall) ToolContext.current();
    Mono<IssuedAwsCredentials> work =
        Mono.fromCallable(this::readOwnObject).subscribeOn(Schedulers.boundedElastic());

    Object returned = ToolHooks.exitDispatchedToolReturning(scope, work);

    assertThat(ToolContext.current()).as("the method has returned").isNull();
    assertThat(returned).isInstanceOf(Mono.class).isNotSameAs(work);
    assertThat(call.ended()).isFalse();
    assertThat(toolCallSpans()).isEmpty();

    IssuedAwsCredentials credentials = ((Mono<IssuedAwsCredentials>) returned).block();

    assertThat(seen).containsExactly(call);
    assertThat(credentials.accessKeyId()).startsWith("ASIA");
    Issuance issuance =
        vault.issuances().stream()
            .filter(i -> i.accessKeyId().equals(credentials.accessKeyId()))
            .findFirst()
            .orElseThrow();
    assertThat(issuance.tool()).isEqualTo("reader");
    assertThat(issuance.callId()).isEqualTo(call.callId());
    assertThat(call.ended()).isTrue();
    assertThat(toolCallSpans()).singleElement().satisfies(span -> {
      assertThat(attribute(span, "tether.tool.deferred")).isEqualTo("reactor.core.publisher.Mono");
      assertThat(attribute(span, "gen_ai.tool.call.id")).isEqualTo("call_1");
      assertThat(attribute(span, "tether.tool.error")).isNull();
    });
  }

  @Test
  void aWovenDispatchMethodReturnsItsLibrarysTypeWhoseWorkRunsInsideTheCall() throws Exception {
    String bridge = "dev/tether/bootstrap/ToolHooks";
    MethodHook hook =
        new MethodHook(
            MethodMatcher.named("call"),
            new Advice.DeferredScope(
                BridgeMethod.of(
                    bridge, "enterDispatchedTool", "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;"),
                List.of(Origin.FIRST_ARGUMENT, Origin.DECLARING_TYPE_NAME),
                BridgeMethod.of(
                    bridge,
                    "exitDispatchedToolReturning",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
                BridgeMethod.of(
                    bridge, "exitDispatchedTool", "(Ljava/lang/Object;Ljava/lang/Throwable;)V")));
    ClassWeaver.Woven woven = ClassWeaver.weave(ClassFiles.of(DeferredTool.class), List.of(hook));
    Class<?> wovenType =
        ClassFiles.defineAndLink(
            DeferredTool.class.getName(), woven.classFile(), getClass().getClassLoader());
    Object tool = wovenType.getConstructor().newInstance();
    Method call = wovenType.getMethod("call", ToolExecutionRequest.class);

    Object returned = call.invoke(tool, request("call_7"));

    assertThat(ToolContext.current()).isNull();
    assertThat(returned).isInstanceOf(Mono.class);
    assertThat(toolCallSpans()).isEmpty();
    Object inside = ((Mono<?>) returned).block();
    assertThat(inside).isInstanceOf(ToolCall.class);
    assertThat(((ToolCall) inside).tool()).isEqualTo("reader");
    assertThat(((ToolCall) inside).ended()).isTrue();
    assertThat(toolCallSpans()).singleElement().satisfies(span ->
        assertThat(attribute(span, "tether.tool.deferred")).isEqualTo("reactor.core.publisher.Mono"));

    ToolExecutionRequest nonsense =
        ToolExecutionRequest.builder().id("call_8").name("reader").arguments("{\"fail\":1}").build();
    assertThatThrownBy(() -> call.invoke(tool, nonsense))
        .isInstanceOf(InvocationTargetException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(ToolContext.current()).isNull();
    assertThat(toolCallSpans()).hasSize(2).last().satisfies(span ->
        assertThat(attribute(span, "tether.tool.error")).isEqualTo(IllegalArgumentException.class.getName()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResubscriptionAfterTheEndRunsWithTheEndedCallAndOpensNoOther() {
    Object scope = ToolHooks.enterDispatchedTool(request("call_2"), DISPATCHER);
    ToolCall call = (ToolCall) ToolContext.current();
    Mono<Object> returned =
        (Mono<Object>)
            ToolHooks.exitDispatchedToolReturning(
                scope, Mono.fromCallable(ToolContext::current).subscribeOn(Schedulers.boundedElastic()));

    assertThat(returned.block()).isSameAs(call);
    assertThat(returned.block()).as("not reopened, never unscoped").isSameAs(call);

    assertThat(call.ended()).isTrue();
    assertThat(toolCallSpans()).hasSize(1);

    // The ended call's rights ended with it: work subscribed again is refused credentials.
    Mono<IssuedAwsCredentials> again =
        (Mono<IssuedAwsCredentials>)
            ToolHooks.exitDispatchedToolReturning(
                ToolHooks.enterDispatchedTool(request("call_9"), DISPATCHER),
                Mono.fromCallable(this::readOwnObject).subscribeOn(Schedulers.boundedElastic()));
    assertThat(again.block().accessKeyId()).startsWith("ASIA");
    assertThatThrownBy(again::block)
        .isInstanceOf(dev.tether.bootstrap.TetherDeniedException.class)
        .hasMessageContaining("in tool 'reader': the tool call has ended");
  }

  @Test
  void theSameCallReachingAnotherDispatcherOnAnotherThreadOpensNoSecondScope() throws Exception {
    Object scope = ToolHooks.enterDispatchedTool(request("call_5"), DISPATCHER);
    ToolCall outer = (ToolCall) ToolContext.current();
    List<Object> inner = new CopyOnWriteArrayList<>();
    Thread other =
        new Thread(
            ToolContext.wrap(
                () -> {
                  Object nested =
                      ToolHooks.enterDispatchedTool(request("call_5"), "org.springframework.ai.tool.ToolCallback");
                  inner.add(ToolContext.current());
                  ToolHooks.exitDispatchedTool(nested, null);
                  inner.add(ToolContext.current());
                }));
    other.start();
    other.join();
    ToolHooks.exitDispatchedTool(scope, null);

    assertThat(inner).containsExactly(outer, outer);
    assertThat(toolCallSpans()).hasSize(1);
  }

  /** An {@code @Tool} method the configuration does not list. */
  public static final class UnlistedTools {
    @dev.langchain4j.agent.tool.Tool
    public String unlisted() {
      return "";
    }
  }

  @Test
  void anAnnotatedToolTheConfigurationDoesNotListIsScopedButRefused() {
    Object scope = ToolHooks.enterTool(UnlistedTools.class, "unlisted", "()Ljava/lang/String;");
    try {
      assertThat(ToolContext.current()).isInstanceOfSatisfying(ToolCall.class, call -> {
        assertThat(call.tool()).isEqualTo("unlisted");
        assertThat(call.refusal()).contains("tool 'unlisted' has no entry under 'tools:'");
      });
      assertThatThrownBy(this::readOwnObject)
          .isInstanceOf(dev.tether.bootstrap.TetherDeniedException.class)
          .hasMessageContaining("in tool 'unlisted': tool 'unlisted' has no entry under 'tools:'");
    } finally {
      ToolHooks.exitTool(scope, null);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailingSingleEndsTheCallWithItsError() {
    Object scope = ToolHooks.enterDispatchedTool(request("call_3"), DISPATCHER);
    Single<String> work =
        Single.fromCallable(
            () -> {
              throw new IllegalStateException("the bucket is gone");
            });

    Single<String> returned = (Single<String>) ToolHooks.exitDispatchedToolReturning(scope, work);

    assertThat(toolCallSpans()).isEmpty();
    assertThatThrownBy(returned::blockingGet).hasMessage("the bucket is gone");
    assertThat(toolCallSpans()).singleElement().satisfies(span -> {
      assertThat(attribute(span, "tether.tool.deferred")).isEqualTo("io.reactivex.rxjava3.core.Single");
      assertThat(attribute(span, "tether.tool.error")).isEqualTo(IllegalStateException.class.getName());
    });
  }

  @Test
  void aPlainResultEndsTheCallWhenTheMethodReturns() {
    Object scope = ToolHooks.enterDispatchedTool(request("call_4"), DISPATCHER);

    assertThat(ToolHooks.exitDispatchedToolReturning(scope, "done")).isEqualTo("done");

    assertThat(toolCallSpans()).singleElement()
        .satisfies(span -> assertThat(attribute(span, "tether.tool.deferred")).isNull());
  }

  @Test
  void onlyTheOutermostOfNestedDispatchHooksFollowsTheResult() {
    Mono<String> work = Mono.just("x");
    Object outer = ToolHooks.enterDispatchedTool(request("call_5"), DISPATCHER);
    Object inner = ToolHooks.enterDispatchedTool(request("call_5"), DISPATCHER);

    assertThat(ToolHooks.exitDispatchedToolReturning(inner, work)).isSameAs(work);
    Object returned = ToolHooks.exitDispatchedToolReturning(outer, work);

    assertThat(returned).isInstanceOf(Mono.class).isNotSameAs(work);
    assertThat(toolCallSpans()).as("one call, still open").isEmpty();
  }

  /** The class's dispatcher, but for {@code methodName}, which throws as a bug in the agent would. */
  private static TetherDispatcher failingAt(String methodName) {
    return (TetherDispatcher)
        Proxy.newProxyInstance(
            AgentDispatcherDeferredTest.class.getClassLoader(),
            new Class<?>[] {TetherDispatcher.class},
            (proxy, method, args) -> {
              if (method.getName().equals(methodName)) {
                throw new IllegalStateException("a bug in the agent");
              }
              try {
                return method.invoke(dispatcher, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void whenTheAgentFailsTheResultIsReturnedAsItIsAndTheCallEndsNow() {
    TetherDispatcher failing = failingAt("exitToolDeferred");
    TetherBridge.install(failing);
    Object scope = ToolHooks.enterDispatchedTool(request("call_6"), DISPATCHER);
    ToolCall call = (ToolCall) ToolContext.current();
    Mono<String> work = Mono.just("x");

    assertThat(ToolHooks.exitDispatchedToolReturning(scope, work)).isSameAs(work);

    assertThat(call.ended()).as("closed, not left open or unscoped").isTrue();
    assertThat(toolCallSpans()).hasSize(1);
  }

  // A deferred tool phase (Google ADK's handleFunctionCalls) ------------------------------------

  private static final String ADK_FUNCTIONS = "com.google.adk.flows.llmflows.Functions";
  private static final String ADK_TOOL = "com.google.adk.tools.FunctionTool";

  private List<SpanData> turnSpans() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> "turn".equals(s.getAttributes().get(AttributeKey.stringKey("tether.layer"))))
        .toList();
  }

  private static List<String> toolsOf(Turn turn) {
    return List.copyOf(turn.token().effectiveScope().tools().keySet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDeferredToolPhaseHoldsItsResponsesToolsAroundItsWorkAndEndsWithIt() {
    Object scope =
        ToolHooks.enterToolBatch(AdkShapes.response("reader", "reader", "stranger"), ADK_FUNCTIONS);
    assertThat(ToolContext.current()).isInstanceOf(Turn.class);
    Turn turn = (Turn) ToolContext.current();
    assertThat(toolsOf(turn)).as("asked for, and in the task").containsExactly("reader");
    // The phase's work: one tool call, itself deferred (ADK's runAsync), reading S3 on an io thread.
    Maybe<IssuedAwsCredentials> work =
        Maybe.defer(
            () -> {
              Object call = ToolHooks.enterDispatchedTool(request("adk-0"), ADK_TOOL);
              return ((Single<IssuedAwsCredentials>)
                      ToolHooks.exitDispatchedToolReturning(
                          call,
                          Single.fromCallable(this::readOwnObject)
                              .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io())))
                  .toMaybe();
            });

    Object returned = ToolHooks.exitDeferredToolBatchReturning(scope, work);

    assertThat(ToolContext.current()).as("the method has returned").isNull();
    assertThat(returned).isInstanceOf(Maybe.class).isNotSameAs(work);
    assertThat(turnSpans()).as("open until its work ends").isEmpty();

    IssuedAwsCredentials credentials = ((Maybe<IssuedAwsCredentials>) returned).blockingGet();

    assertThat(credentials.accessKeyId()).startsWith("ASIA");
    assertThat(seen).singleElement().isInstanceOfSatisfying(ToolCall.class, call -> {
      assertThat(call.turn()).as("the tool call opened inside the phase's turn").isSameAs(turn);
      assertThat(call.ended()).isTrue();
    });
    assertThat(turnSpans()).hasSize(1);
    SpanData turnSpan = turnSpans().get(0);
    assertThat(attribute(turnSpan, "tether.narrowed")).isEqualTo("tool-phase");
    assertThat(attribute(turnSpan, "tether.turn.deferred")).isEqualTo("io.reactivex.rxjava3.core.Maybe");
    assertThat(toolCallSpans()).singleElement().satisfies(span ->
        assertThat(span.getParentSpanId()).isEqualTo(turnSpan.getSpanId()));
  }

  @Test
  void aDisposedToolPhaseEndsItsTurnCancelled() {
    Object scope = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    Maybe<?> returned = (Maybe<?>) ToolHooks.exitDeferredToolBatchReturning(scope, Maybe.never());

    Disposable subscription = returned.subscribe();
    assertThat(turnSpans()).isEmpty();
    subscription.dispose();

    assertThat(turnSpans()).singleElement().satisfies(span ->
        assertThat(attribute(span, "tether.turn.cancelled")).isEqualTo("true"));
  }

  @Test
  void aFailingToolPhaseEndsItsTurnWithItsError() {
    Object scope = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    Maybe<?> returned =
        (Maybe<?>)
            ToolHooks.exitDeferredToolBatchReturning(
                scope, Maybe.error(new IllegalStateException("the model is gone")));

    assertThatThrownBy(returned::blockingGet).hasMessage("the model is gone");
    assertThat(returned.onErrorComplete().blockingGet()).as("ended once, not reopened").isNull();

    assertThat(turnSpans()).singleElement().satisfies(span ->
        assertThat(attribute(span, "tether.turn.error")).isEqualTo(IllegalStateException.class.getName()));
  }

  @Test
  void aToolPhaseThatThrowsOrReturnsNoWorkEndsItsTurnNow() {
    Object thrown = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    ToolHooks.exitToolBatch(thrown, new IllegalArgumentException("no such tool"));
    assertThat(ToolContext.current()).isNull();

    Object plain = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    assertThat(ToolHooks.exitDeferredToolBatchReturning(plain, "no work")).isEqualTo("no work");

    assertThat(turnSpans()).hasSize(2).first().satisfies(span ->
        assertThat(attribute(span, "tether.turn.error")).isEqualTo(IllegalArgumentException.class.getName()));
  }

  @Test
  void nestedToolPhaseOverloadsOpenOneTurn() {
    Maybe<String> work = Maybe.just("x");
    Object outer = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    Turn turn = (Turn) ToolContext.current();
    Object inner = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    assertThat(ToolContext.current()).isSameAs(turn);

    assertThat(ToolHooks.exitDeferredToolBatchReturning(inner, work)).isSameAs(work);
    assertThat(ToolContext.current()).isSameAs(turn);
    Object returned = ToolHooks.exitDeferredToolBatchReturning(outer, work);

    assertThat(((Maybe<?>) returned).blockingGet()).isEqualTo("x");
    assertThat(turnSpans()).hasSize(1);
  }

  @Test
  void aToolPhaseReachedInsideAnotherOnTheSameThreadOpensNoSecondTurn() {
    // Embabel's ParallelToolLoop hands a one-call response to DefaultToolLoop's processToolCalls.
    List<ToolExecutionRequest> response = List.of(request("call_11"));
    Object outer = ToolHooks.enterToolBatch(response, DISPATCHER);
    Turn turn = (Turn) ToolContext.current();
    Object inner = ToolHooks.enterToolBatch(response, DISPATCHER);
    assertThat(ToolContext.current()).isSameAs(turn);

    ToolHooks.exitToolBatch(inner, null);
    assertThat(ToolContext.current()).as("the outer turn stays").isSameAs(turn);
    ToolHooks.exitToolBatch(outer, null);

    assertThat(ToolContext.current()).isNull();
    assertThat(turnSpans()).hasSize(1);
  }

  @Test
  void aToolPhaseInsideAToolCallOpensNothing() {
    Object call = ToolHooks.enterDispatchedTool(request("call_10"), DISPATCHER);
    ToolCall outer = (ToolCall) ToolContext.current();
    Maybe<String> work = Maybe.just("x");

    Object phase = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    assertThat(ToolContext.current()).isSameAs(outer);
    assertThat(ToolHooks.exitDeferredToolBatchReturning(phase, work)).isSameAs(work);
    ToolHooks.exitDispatchedTool(call, null);

    assertThat(turnSpans()).isEmpty();
  }

  @Test
  void whenTheAgentFailsToFollowAToolPhaseItsWorkIsReturnedAsItIsAndTheTurnEndsNow() {
    TetherDispatcher failing = failingAt("exitTurnDeferred");
    TetherBridge.install(failing);
    Object scope = ToolHooks.enterToolBatch(AdkShapes.response("reader"), ADK_FUNCTIONS);
    Maybe<String> work = Maybe.just("x");

    assertThat(ToolHooks.exitDeferredToolBatchReturning(scope, work)).isSameAs(work);

    assertThat(ToolContext.current()).isNull();
    assertThat(turnSpans()).as("closed, not left open").hasSize(1);
  }

  @Test
  void aWovenToolPhaseReturnsAMaybeWhoseWorkRunsInItsTurn() throws Exception {
    MethodHook hook =
        new MethodHook(
            MethodMatcher.named("handleFunctionCalls"),
            ToolDispatchAdvice.deferredToolPhase(Origin.SECOND_ARGUMENT));
    ClassWeaver.Woven woven = ClassWeaver.weave(ClassFiles.of(AdkShapes.class), List.of(hook));
    Class<?> wovenType =
        ClassFiles.defineAndLink(AdkShapes.class.getName(), woven.classFile(), getClass().getClassLoader());
    Method phase = wovenType.getMethod("handleFunctionCalls", Object.class, AdkShapes.Event.class, Map.class);

    Object returned = phase.invoke(null, "context", AdkShapes.response("reader"), Map.of());

    assertThat(ToolContext.current()).isNull();
    assertThat(returned).isInstanceOf(Maybe.class);
    Object inside = ((Maybe<?>) returned).blockingGet();
    assertThat(inside).isInstanceOfSatisfying(Turn.class, turn -> assertThat(toolsOf(turn)).containsExactly("reader"));
    assertThat(turnSpans()).singleElement().satisfies(span ->
        assertThat(attribute(span, "tether.turn.deferred")).isEqualTo("io.reactivex.rxjava3.core.Maybe"));

    assertThatThrownBy(() -> phase.invoke(null, "context", AdkShapes.response(), Map.of()))
        .isInstanceOf(InvocationTargetException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(ToolContext.current()).isNull();
    assertThat(turnSpans()).hasSize(2);
  }
}
