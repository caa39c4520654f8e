package dev.tether.agent.internal.config;

import java.util.List;
import java.util.Optional;

/**
 * The agent's configuration, as read from {@code tether.yaml} by {@link ConfigLoader}.
 *
 * @param attestation the evidence provider and its settings
 * @param apis external APIs whose requests from tools carry a per-call token
 * @param turnBoundaries methods whose calls are one agent turn each
 * @param turnRule which of the task's tools and repositories each turn gets
 * @param hiddenEnvironment environment variables (secrets the runtime holds, such as {@code
 *     GITHUB_TOKEN}) that tool code and the processes tools start must not see
 * @param telemetryExporter {@code otlp}, {@code console} or {@code none}; {@code
 *     OTEL_TRACES_EXPORTER} overrides it at run time
 * @param source the file path, {@code <classpath:tether.yaml>}, or {@code <defaults>}
 */
public record TetherConfig(
    VaultConfig vault,
    TaskDefaults task,
    AttestationConfig attestation,
    List<ToolConfig> tools,
    List<ApiConfig> apis,
    List<BoundarySpec> turnBoundaries,
    TurnRule turnRule,
    OutsideToolsRule outsideTools,
    List<String> hiddenEnvironment,
    String telemetryExporter,
    String source) {

  public static final String DEFAULT_TELEMETRY_EXPORTER = "otlp";
  public static final String DEFAULTS_SOURCE = "<defaults>";

  public TetherConfig {
    vault = vault == null ? VaultConfig.defaults() : vault;
    task = task == null ? TaskDefaults.none() : task;
    attestation = attestation == null ? AttestationConfig.defaults() : attestation;
    tools = tools == null ? List.of() : List.copyOf(tools);
    apis = apis == null ? List.of() : List.copyOf(apis);
    turnBoundaries = turnBoundaries == null ? List.of() : List.copyOf(turnBoundaries);
    turnRule = turnRule == null ? TurnRule.all() : turnRule;
    outsideTools = outsideTools == null ? OutsideToolsRule.deny() : outsideTools;
    hiddenEnvironment = hiddenEnvironment == null ? List.of() : List.copyOf(hiddenEnvironment);
    telemetryExporter = telemetryExporter == null ? DEFAULT_TELEMETRY_EXPORTER : telemetryExporter;
    source = source == null ? DEFAULTS_SOURCE : source;
  }

  /** No tools, AWS denied outside tools, local attestation, OTLP, 5 s Vault timeout. */
  public static TetherConfig defaults() {
    return defaults(DEFAULTS_SOURCE);
  }

  static TetherConfig defaults(String source) {
    return new TetherConfig(null, null, null, null, null, null, null, null, null, null, source);
  }

  /** The tool with this name, if configured. */
  public Optional<ToolConfig> tool(String name) {
    for (ToolConfig tool : tools) {
      if (tool.name().equals(name)) {
        return Optional.of(tool);
      }
    }
    return Optional.empty();
  }
}
