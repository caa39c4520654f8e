package dev.tether.instrumentation.mcp;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.FrameworkDispatcher;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.ToolDispatchAdvice;
import dev.tether.instrumentation.api.TypeHooks;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.Set;

/**
 * Tool-call scopes in the MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp}), on both sides of
 * a call. Matched by name: the SDK is not a dependency.
 *
 * <ul>
 *   <li>Server: a tool's handler is a {@code BiFunction}, usually a lambda, whose class cannot be
 *       woven. It is wrapped where the SDK builds the specification every tool ends up as, the
 *       constructor of {@code McpServerFeatures.AsyncToolSpecification} (and of the stateless
 *       server's {@code McpStatelessServerFeatures.AsyncToolSpecification}): sync tools reach the
 *       server only converted into one ({@code fromSync}), so one call opens one scope, around the
 *       async handler and kept open over the {@code Mono} it returns, in which a sync handler runs.
 *       The scope is named by the specification's {@code Tool.name()}.
 *   <li>Client: {@code McpSyncClient.callTool(CallToolRequest)} (a scope on the calling thread)
 *       and {@code McpAsyncClient.callTool(CallToolRequest)} (a scope kept open over the lazy
 *       {@code Mono} it returns), named by {@code CallToolRequest.name()}. The sync client calls
 *       the async one on the same thread: that nested hit opens nothing.
 * </ul>
 */
public final class McpInstrumentationModule implements InstrumentationModule {

  static final String SERVER = "io/modelcontextprotocol/server/";
  static final String ASYNC_TOOL_SPECIFICATION =
      SERVER + "McpServerFeatures$AsyncToolSpecification";
  static final String STATELESS_ASYNC_TOOL_SPECIFICATION =
      SERVER + "McpStatelessServerFeatures$AsyncToolSpecification";
  static final String SYNC_CLIENT = "io/modelcontextprotocol/client/McpSyncClient";
  static final String ASYNC_CLIENT = "io/modelcontextprotocol/client/McpAsyncClient";
  /** Every release has it (0.x to 2.x): the SDK is on the class path. */
  static final String SCHEMA = "io/modelcontextprotocol/spec/McpSchema";

  static final String TOOL = "Lio/modelcontextprotocol/spec/McpSchema$Tool;";
  static final String HANDLER = "Ljava/util/function/BiFunction;";
  static final String CALL_TOOL_REQUEST =
      "Lio/modelcontextprotocol/spec/McpSchema$CallToolRequest;";

  /** {@code (Tool, BiFunction callHandler)}: 1.x, 2.x; 0.10's only one; 0.11+'s deprecated one. */
  static final String SPECIFICATION = "(" + TOOL + HANDLER + ")V";

  /** {@code (Tool, BiFunction call, BiFunction callHandler)}: the canonical one in 0.11 to 0.18. */
  static final String SPECIFICATION_0X = "(" + TOOL + HANDLER + HANDLER + ")V";

  private static final String BRIDGE = "dev/tether/bootstrap/ToolHooks";
  private static final List<Origin> ORIGINS =
      List.of(Origin.FIRST_ARGUMENT, Origin.DECLARING_TYPE_NAME);

  /** The handler argument, replaced by one that opens a scope named by the Tool (argument 0). */
  private static Advice wrapHandler(int index) {
    return new Advice.WrapArgument(
        index,
        BridgeMethod.of(
            BRIDGE,
            "wrapToolHandler",
            "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;"),
        ORIGINS);
  }

  /** A blocking client call, its request the first argument. */
  static final Advice CLIENT_CALL = ToolDispatchAdvice.toolCall(Origin.FIRST_ARGUMENT);

  /** A client call that returns its work (a lazy Mono): the scope ends when that work does. */
  static final Advice DEFERRED_CLIENT_CALL =
      ToolDispatchAdvice.deferredToolCall(Origin.FIRST_ARGUMENT);

  @Override
  public String name() {
    return "mcp";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        // The server side: the tool specifications' constructors.
        TypeHooks.named(
            Set.of(ASYNC_TOOL_SPECIFICATION, STATELESS_ASYNC_TOOL_SPECIFICATION),
            List.of(
                new MethodHook(
                    named("<init>").and(descriptorStartsWith(SPECIFICATION)), wrapHandler(1)),
                new MethodHook(
                    named("<init>").and(descriptorStartsWith(SPECIFICATION_0X)), wrapHandler(2)))),
        // The client side: callTool of the sync client (blocking) and the async one (a Mono).
        TypeHooks.named(
            Set.of(SYNC_CLIENT),
            List.of(
                new MethodHook(
                    withCode()
                        .and(named("callTool"))
                        .and(descriptorStartsWith("(" + CALL_TOOL_REQUEST + ")")),
                    CLIENT_CALL))),
        TypeHooks.named(
            Set.of(ASYNC_CLIENT),
            List.of(
                new MethodHook(
                    withCode()
                        .and(named("callTool"))
                        .and(descriptorStartsWith(
                            "(" + CALL_TOOL_REQUEST + ")Lreactor/core/publisher/Mono;")),
                    DEFERRED_CLIENT_CALL))));
  }

  @Override
  public List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of(
        new FrameworkDispatcher(
            "The MCP Java SDK",
            SCHEMA,
            ASYNC_TOOL_SPECIFICATION,
            "The server's tool handlers are not scoped; 1.0.0 to 2.1.0 were checked."),
        new FrameworkDispatcher(
            "The MCP Java SDK",
            SCHEMA,
            SYNC_CLIENT,
            "McpSyncClient.callTool is not scoped; 1.0.0 to 2.1.0 were checked."));
  }
}
