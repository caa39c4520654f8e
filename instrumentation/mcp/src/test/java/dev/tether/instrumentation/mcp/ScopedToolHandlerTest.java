package dev.tether.instrumentation.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.TetherDispatcher;
import dev.tether.bootstrap.ToolHooks;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge woven into the MCP SDK's tool specifications ({@code ToolHooks.wrapToolHandler}):
 * each call of a wrapped handler is one dispatched tool call, named by the specification's tool,
 * handed what the handler returned, or closed with what it threw; wrapping is done once.
 */
class ScopedToolHandlerTest {

  static final String SPEC = "io.modelcontextprotocol.server.McpServerFeatures$AsyncToolSpecification";

  /** Stands in for {@code McpSchema.Tool}: the agent reads its {@code name()}. */
  record Tool(String name) {}

  /** What the agent was asked, in order. */
  final List<String> calls = new ArrayList<>();

  TetherDispatcher previous;
  int open;

  @BeforeEach
  void recordingDispatcher() {
    previous = TetherBridge.dispatcher();
    TetherBridge.install(
        (TetherDispatcher)
            Proxy.newProxyInstance(
                TetherDispatcher.class.getClassLoader(),
                new Class<?>[] {TetherDispatcher.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "enterDispatchedTool":
                      open++;
                      // (named, identified, hookedType): the specification names the call
                      calls.add("enter " + ((Tool) args[0]).name() + " " + args[args.length - 1]);
                      return "scope:" + ((Tool) args[0]).name();
                    case "exitToolDeferred":
                      open--;
                      calls.add("deferred " + args[0] + " " + args[1]);
                      return "followed:" + args[1];
                    case "exitTool":
                      open--;
                      calls.add("exit " + args[0] + " " + args[1]);
                      return null;
                    default:
                      throw new UnsupportedOperationException(method.getName());
                  }
                }));
  }

  @AfterEach
  void restore() {
    TetherBridge.install(previous);
  }

  @SuppressWarnings("unchecked")
  static BiFunction<Object, Object, Object> wrap(Object handler, String tool) {
    return (BiFunction<Object, Object, Object>) ToolHooks.wrapToolHandler(handler, new Tool(tool), SPEC);
  }

  @Test
  void eachCallIsOneToolCallHandedWhatTheHandlerReturned() {
    List<Integer> openInside = new ArrayList<>();
    BiFunction<Object, Object, Object> handler =
        wrap((BiFunction<Object, Object, Object>) (exchange, request) -> {
          openInside.add(open);
          return "mono of " + request;
        }, "readReports");

    assertThat(handler.apply("exchange", "r1")).isEqualTo("followed:mono of r1");
    assertThat(handler.apply("exchange", "r2")).isEqualTo("followed:mono of r2");

    assertThat(openInside).containsExactly(1, 1);
    assertThat(open).isZero();
    assertThat(calls)
        .containsExactly(
            "enter readReports " + SPEC,
            "deferred scope:readReports mono of r1",
            "enter readReports " + SPEC,
            "deferred scope:readReports mono of r2");
  }

  @Test
  void aThrowingHandlerClosesItsCallAndTheExceptionStands() {
    IllegalStateException boom = new IllegalStateException("boom");
    BiFunction<Object, Object, Object> handler =
        wrap((BiFunction<Object, Object, Object>) (exchange, request) -> {
          throw boom;
        }, "readLedger");

    assertThatThrownBy(() -> handler.apply("exchange", "r")).isSameAs(boom);
    assertThat(calls).containsExactly("enter readLedger " + SPEC, "exit scope:readLedger " + boom);
    assertThat(open).isZero();
  }

  @Test
  void aWrappedHandlerIsNotWrappedAgain() {
    BiFunction<Object, Object, Object> once = wrap((BiFunction<Object, Object, Object>) (e, r) -> r, "a");

    assertThat(wrap(once, "a")).isSameAs(once);
    once.apply("exchange", "r");
    assertThat(calls).hasSize(2);
  }

  @Test
  void aHandlerCallingAnotherOnItsThreadIsOneToolCall() {
    BiFunction<Object, Object, Object> inner = wrap((BiFunction<Object, Object, Object>) (e, r) -> "inner " + r, "a");
    BiFunction<Object, Object, Object> outer =
        wrap((BiFunction<Object, Object, Object>) (e, r) -> "outer " + inner.apply(e, r), "a");

    assertThat(outer.apply("exchange", "r")).isEqualTo("followed:outer inner r");
    assertThat(calls).containsExactly("enter a " + SPEC, "deferred scope:a outer inner r");
  }

  @Test
  void theSdksStructuredOutputDecoratorIsLeftAsItIs() {
    StructuredOutputCallToolHandler decorator = new StructuredOutputCallToolHandler();

    assertThat(ToolHooks.wrapToolHandler(decorator, new Tool("a"), SPEC)).isSameAs(decorator);
  }

  @Test
  void nullAndWhatIsNoBiFunctionAreLeftAsTheyAre() {
    assertThat(ToolHooks.wrapToolHandler(null, new Tool("a"), SPEC)).isNull();
    assertThat(ToolHooks.wrapToolHandler("handler", new Tool("a"), SPEC)).isEqualTo("handler");
    assertThat(calls).isEmpty();
  }

  /** Named as the SDK's decorator (a nested class of the server); wraps a wrapped handler. */
  static final class StructuredOutputCallToolHandler implements BiFunction<Object, Object, Object> {
    @Override
    public Object apply(Object exchange, Object request) {
      return request;
    }
  }
}
