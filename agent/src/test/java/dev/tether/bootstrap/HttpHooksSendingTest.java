package dev.tether.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks where a client sends a request, after the application's interceptors: which requests
 * they ask the dispatcher about, and in which tool call.
 */
class HttpHooksSendingTest {

  /** What the dispatcher was asked: context, client, request, target. */
  private final List<List<Object>> asked = new ArrayList<>();
  private final Object toolCall = new Object();
  private TetherDispatcher before;

  /** Stands for an Apache HttpClient 5 async execution's scope. */
  public static final class Scope {
    public final Object clientContext = new Object();
  }

  @BeforeEach
  void install() {
    before = TetherBridge.dispatcher();
    TetherBridge.install(new FailClosedDispatcher("test") {
      @Override
      public Object onHttpSending(Object context, String client, Object request, Object target) {
        asked.add(Arrays.asList(context, client, request, target));
        return request;
      }
    });
  }

  @AfterEach
  void restore() {
    TetherBridge.install(before);
    ToolContext.restore(null);
    AwsTransmission.end();
  }

  @Test
  void okHttpLetsTheRequestTetherDecidedPassAndAsksAboutOneAnInterceptorMade() {
    Object decided = new Object();
    ClientThreadContexts.remember(decided, toolCall);
    Object rebuilt = new Object();

    assertThat(HttpHooks.okHttpSending(decided)).isSameAs(decided);
    assertThat(HttpHooks.okHttpSending(rebuilt)).as("no tool call on this thread").isSameAs(rebuilt);
    assertThat(asked).isEmpty();

    ToolContext.attach(toolCall);
    assertThat(HttpHooks.okHttpSending(decided)).isSameAs(decided);
    assertThat(HttpHooks.okHttpSending(rebuilt)).isSameAs(rebuilt);
    assertThat(asked).singleElement().isEqualTo(Arrays.asList(
        toolCall, HttpHooks.OKHTTP, rebuilt, null));
  }

  @Test
  void okHttpDecidesARequestMadeFromADecidedOneInThatOnesToolCallOnAnyThread() {
    Object decided = new Object();
    ClientThreadContexts.remember(decided, toolCall);
    Object builder = HttpHooks.okHttpBuilder(new Object(), decided);
    Object made = HttpHooks.okHttpBuilt(new Object(), builder);
    Object madeFromMade = HttpHooks.okHttpBuilt(new Object(),
        HttpHooks.okHttpBuilder(new Object(), made));
    Object unrelated = HttpHooks.okHttpBuilt(new Object(), new Object());

    assertThat(HttpHooks.okHttpSending(made)).isSameAs(made);
    assertThat(HttpHooks.okHttpSending(madeFromMade)).isSameAs(madeFromMade);
    assertThat(HttpHooks.okHttpSending(unrelated)).isSameAs(unrelated);
    assertThat(asked).containsExactly(
        Arrays.asList(toolCall, HttpHooks.OKHTTP, made, null),
        Arrays.asList(toolCall, HttpHooks.OKHTTP, madeFromMade, null));
    assertThat(ClientThreadContexts.of(made)).as("its next hops too").isSameAs(toolCall);
  }

  @Test
  void apache5AsksAfterTheInterceptorsInTheToolCallOfTheThread() {
    Object request = new Object();
    Object httpContext = new Object();
    assertThat(HttpHooks.apache5Processing(request, httpContext)).as("outside tool calls").isNull();

    ToolContext.attach(toolCall);
    Object state = HttpHooks.apache5Processing(request, httpContext);
    assertThat(asked).as("not before the interceptors").isEmpty();
    HttpHooks.apache5Processed(state, null);
    assertThat(asked).singleElement().isEqualTo(Arrays.asList(
        toolCall, HttpHooks.APACHE_5, request, null));

    HttpHooks.apache5Processed(HttpHooks.apache5Processing(request, httpContext),
        new java.io.IOException("an interceptor failed"));
    assertThat(asked).as("nothing is sent after a failure").hasSize(1);
  }

  @Test
  void apache5AsyncFindsTheToolCallInTheExecutionOnAThreadWithoutOne() throws Exception {
    Scope scope = new Scope();
    Object first = new Object();
    ToolContext.attach(toolCall);
    assertThat(HttpHooks.apache5AsyncExecution(first, scope)).isSameAs(first);
    ToolContext.restore(null);

    // On the client's I/O thread: a copy of the request, in the execution's context.
    Object copy = new Object();
    Thread io = new Thread(() -> HttpHooks.apache5Processed(
        HttpHooks.apache5Processing(copy, scope.clientContext), null));
    io.start();
    io.join();
    assertThat(asked).singleElement().isEqualTo(Arrays.asList(
        toolCall, HttpHooks.APACHE_5, copy, null));

    assertThat(HttpHooks.apache5Processing(copy, new Object()))
        .as("another execution, outside any tool call").isNull();

    // The application passes the same context to an execution outside any tool call.
    HttpHooks.apache5AsyncExecution(new Object(), scope);
    assertThat(HttpHooks.apache5Processing(copy, scope.clientContext)).isNull();
  }

  @Test
  void apache4AsksWithTheExecutionsContextAsTarget() {
    Object request = new Object();
    Object execution = new Object();
    assertThat(HttpHooks.apache4Sending(request, execution)).isSameAs(request);
    assertThat(asked).as("outside tool calls").isEmpty();

    ToolContext.attach(toolCall);
    assertThat(HttpHooks.apache4Sending(request, execution)).isSameAs(request);
    assertThat(asked).singleElement().isEqualTo(Arrays.asList(
        toolCall, HttpHooks.APACHE_4, request, execution));
  }

  @Test
  void theAwsSdksOwnRequestInTransmissionIsLeftToTheSdkHooks() {
    ToolContext.attach(toolCall);
    AwsTransmission.begin("s3.us-east-1.amazonaws.com");
    Object request = new Object();
    assertThat(HttpHooks.apache4Sending(request, new Object())).isSameAs(request);
    assertThat(HttpHooks.apache5Processing(request, new Object())).isNull();
    assertThat(asked).isEmpty();
  }
}
