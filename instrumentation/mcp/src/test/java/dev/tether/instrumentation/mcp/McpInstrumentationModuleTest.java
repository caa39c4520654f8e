package dev.tether.instrumentation.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.ModuleHooks;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which methods of the SDK take which advice, for the descriptors {@code javap} shows in 1.0.0,
 * 1.1.5, 2.0.1 and 2.1.0 (and 0.10.0, 0.12.0, 0.17.0 for the specifications).
 */
class McpInstrumentationModuleTest {

  static final int PUBLIC = 0x0001;
  static final String TOOL = "Lio/modelcontextprotocol/spec/McpSchema$Tool;";
  static final String BIFUNCTION = "Ljava/util/function/BiFunction;";
  static final String REQUEST = "Lio/modelcontextprotocol/spec/McpSchema$CallToolRequest;";

  final McpInstrumentationModule module = new McpInstrumentationModule();

  @Test
  void everyToolSpecificationHasItsHandlerWrapped() {
    for (String spec :
        List.of(
            "io/modelcontextprotocol/server/McpServerFeatures$AsyncToolSpecification",
            "io/modelcontextprotocol/server/McpStatelessServerFeatures$AsyncToolSpecification")) {
      Advice canonical = adviceFor(spec, "<init>", "(" + TOOL + BIFUNCTION + ")V").orElseThrow();
      assertThat(canonical).isInstanceOfSatisfying(Advice.WrapArgument.class, wrap -> {
        assertThat(wrap.index()).isEqualTo(1);
        assertThat(wrap.bridge().name()).isEqualTo("wrapToolHandler");
      });
      // 0.11 to 0.18: (tool, call, callHandler); the server calls callHandler.
      Advice old = adviceFor(spec, "<init>", "(" + TOOL + BIFUNCTION + BIFUNCTION + ")V").orElseThrow();
      assertThat(((Advice.WrapArgument) old).index()).isEqualTo(2);
    }
  }

  @Test
  void syncSpecificationsAreLeftToTheAsyncOnesTheyBecome() {
    assertThat(instrumentationFor("io/modelcontextprotocol/server/McpServerFeatures$SyncToolSpecification"))
        .isEmpty();
    assertThat(instrumentationFor("io/modelcontextprotocol/server/McpStatelessServerFeatures$SyncToolSpecification"))
        .isEmpty();
  }

  @Test
  void clientCallsAreScopedTheAsyncOneOverItsMono() {
    assertThat(
            adviceFor(
                "io/modelcontextprotocol/client/McpSyncClient",
                "callTool",
                "(" + REQUEST + ")Lio/modelcontextprotocol/spec/McpSchema$CallToolResult;"))
        .get()
        .isInstanceOf(Advice.Scope.class);
    assertThat(
            adviceFor(
                "io/modelcontextprotocol/client/McpAsyncClient",
                "callTool",
                "(" + REQUEST + ")Lreactor/core/publisher/Mono;"))
        .get()
        .isInstanceOfSatisfying(Advice.DeferredScope.class, deferred ->
            assertThat(deferred.exitReturning().name()).isEqualTo("exitDispatchedToolReturning"));
    // Other methods of the clients are not tool calls.
    assertThat(adviceFor("io/modelcontextprotocol/client/McpAsyncClient", "listTools", "()Lreactor/core/publisher/Mono;"))
        .isEmpty();
  }

  @Test
  void aMissingDispatcherIsReportedAgainstTheSchemaEveryReleaseHas() {
    assertThat(module.frameworkDispatchers())
        .allSatisfy(d -> assertThat(d.markerType()).isEqualTo("io/modelcontextprotocol/spec/McpSchema"))
        .extracting(d -> d.dispatcherType())
        .containsExactlyInAnyOrder(
            "io/modelcontextprotocol/server/McpServerFeatures$AsyncToolSpecification",
            "io/modelcontextprotocol/client/McpSyncClient");
  }

  private List<TypeInstrumentation> instrumentationFor(String type) {
    return module.typeInstrumentations().stream()
        .filter(t -> t.typeNames().contains(type))
        .toList();
  }

  private Optional<Advice> adviceFor(String type, String method, String descriptor) {
    return ModuleHooks.adviceFor(module, type, PUBLIC, method, descriptor);
  }
}
