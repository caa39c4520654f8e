package dev.tether.bench.jmh;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.tether.agent.internal.AgentInstaller;
import dev.tether.agent.internal.config.ConfigException;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.ToolContext;
import dev.tether.bootstrap.ToolHooks;
import dev.tether.demo.stack.LocalAwsStack;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a framework dispatcher hook adds to one tool call (issue 8): the agent's real dispatcher,
 * in-process, with a real task session from an embedded Vault, spans through a real OTLP batch
 * pipeline (its endpoint refuses, so export stays off the measured thread, as in production).
 * Every measured call runs inside one tool phase (a turn), as LangChain4j's {@code
 * ToolService.execute} opens it, and is dispatched by a real {@code ToolExecutionRequest}.
 *
 * <ul>
 *   <li>{@code toolBodyAlone}: the baseline, what the tool's body does here (reads its request).
 *   <li>{@code scopedToolCall}: the outermost hook's enter and exit around that body: name lookup,
 *       the tool-call token derived from the turn (HMAC), its span, the context attached and
 *       restored. No Vault exchange: that happens at the call's first AWS request.
 *   <li>{@code nestedHook}: one more hook on the same call's path (LangChain4j passes three or
 *       four per call), which only counts depth.
 *   <li>{@code unconfiguredTool}: a name with no configured entry: outside any tool scope.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class DispatcherScopeCost {

  static final String TOOL_SERVICE = "dev.langchain4j.service.tool.ToolService";

  private static final String CONFIG =
      String.join(
          "\n",
          "vault:",
          "  timeout: 5s",
          "attestation:",
          "  provider: local",
          "tools:",
          "  - name: benchRead",
          "    aws:",
          "      actions: [s3:GetObject]",
          "      resources: [\"arn:aws:s3:::bench-data/${task.id}/*\"]",
          "outside-tools:",
          "  aws: deny",
          "telemetry:",
          "  exporter: otlp",
          "");

  /** The embedded Vault and the agent's dispatcher, once per fork. */
  @State(Scope.Benchmark)
  public static class Agent {
    LocalAwsStack stack;

    @Setup(Level.Trial)
    public void start() throws ConfigException {
      System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
      System.setProperty("otel.bsp.schedule.delay", "60000");
      stack = LoopbackAws.startStack();
      try {
        LoopbackAws.runtimeEnvironment(stack).forEach(System::setProperty);
        TetherBridge.install(
            AgentInstaller.inProcessDispatcher(
                ConfigLoader.parse(CONFIG, "<DispatcherScopeCost>"),
                DispatcherScopeCost.class.getClassLoader()));
      } catch (RuntimeException | ConfigException e) {
        stack.close(); // JMH runs no teardown after a failed setup
        throw e;
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      stack.close();
    }
  }

  /** One tool phase on the benchmark thread, holding the tools the requests name. */
  @State(Scope.Thread)
  public static class ToolPhase {
    final ToolExecutionRequest request =
        ToolExecutionRequest.builder().id("call_1").name("benchRead").arguments("{}").build();
    final ToolExecutionRequest unconfigured =
        ToolExecutionRequest.builder().id("call_2").name("notConfigured").arguments("{}").build();
    Object turn;
    Object outerCall;

    @Setup(Level.Trial)
    public void enter(Agent agent) {
      turn = ToolHooks.enterToolBatch(List.of(request), TOOL_SERVICE);
      if (turn == null) {
        throw new IllegalStateException("Tether opened no tool phase; is the dispatcher installed?");
      }
      // Proves the premise once: the hook opens a real tool call under the model's name.
      Object scope = ToolHooks.enterDispatchedTool(request, TOOL_SERVICE);
      Object context = ToolContext.current();
      ToolHooks.exitDispatchedTool(scope, null);
      if (!(context instanceof ToolCall call)
          || !"benchRead".equals(call.tool())
          || call.refusal() != null
          || call.turn() == null) {
        throw new IllegalStateException(
            "the dispatcher hook opened no usable tool call inside the tool phase: " + context);
      }
    }

    @TearDown(Level.Trial)
    public void exit() {
      ToolHooks.exitToolBatch(turn, null);
    }
  }

  /** An outermost hook held open, so that the measured hook is a nested one. */
  @State(Scope.Thread)
  public static class OpenCall {
    Object scope;

    @Setup(Level.Iteration)
    public void open(ToolPhase phase) {
      scope = ToolHooks.enterDispatchedTool(phase.request, TOOL_SERVICE);
    }

    @TearDown(Level.Iteration)
    public void close() {
      ToolHooks.exitDispatchedTool(scope, null);
    }
  }

  @Benchmark
  public void toolBodyAlone(ToolPhase phase, Blackhole blackhole) {
    blackhole.consume(phase.request.arguments());
  }

  @Benchmark
  public void scopedToolCall(ToolPhase phase, Blackhole blackhole) {
    Object scope = ToolHooks.enterDispatchedTool(phase.request, TOOL_SERVICE);
    try {
      blackhole.consume(phase.request.arguments());
    } finally {
      ToolHooks.exitDispatchedTool(scope, null);
    }
  }

  @Benchmark
  public void nestedHook(ToolPhase phase, OpenCall open, Blackhole blackhole) {
    Object scope = ToolHooks.enterDispatchedTool(phase.request, TOOL_SERVICE);
    try {
      blackhole.consume(phase.request.arguments());
    } finally {
      ToolHooks.exitDispatchedTool(scope, null);
    }
  }

  @Benchmark
  public void unconfiguredTool(ToolPhase phase, Blackhole blackhole) {
    Object scope = ToolHooks.enterDispatchedTool(phase.unconfigured, TOOL_SERVICE);
    try {
      blackhole.consume(phase.unconfigured.arguments());
    } finally {
      ToolHooks.exitDispatchedTool(scope, null);
    }
  }
}
