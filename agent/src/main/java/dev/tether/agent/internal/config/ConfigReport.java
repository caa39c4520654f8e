package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.OutsideToolsRule.Mode;
import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.TaskIdentity;
import java.util.ArrayList;
import java.util.List;

/**
 * The human-readable summary {@code check} prints: what each tool may reach, and, for a given task,
 * the exact resources and session policy the Vault will ask STS for. Never shows a token. Same
 * input, same text.
 */
final class ConfigReport {

  /** The summary, and the problems only visible once resolved (e.g. a policy over STS's limit). */
  record Result(String text, List<ConfigProblem> problems) {}

  private final StringBuilder out = new StringBuilder();
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ConfigReport() {}

  /**
   * @param identity the task to resolve placeholders for, or null
   * @param identityNote where the identity came from, or why there is none
   */
  static Result render(TetherConfig config, TaskIdentity identity, String identityNote) {
    ConfigReport report = new ConfigReport();
    report.write(config, identity, identityNote);
    return new Result(report.out.toString(), List.copyOf(report.problems));
  }

  private void write(TetherConfig config, TaskIdentity identity, String identityNote) {
    line("source: " + config.source());
    VaultConfig vault = config.vault();
    line("vault:");
    line(
        "  url: "
            + (vault.url() != null
                ? vault.url()
                : "not set here (-Dtether.vault.url or TETHER_VAULT_URL at run time)"));
    line(
        "  token: "
            + (vault.tokenFile() != null
                ? "read at run time from " + vault.tokenFile()
                : "not set here (-Dtether.vault.token or TETHER_VAULT_TOKEN at run time)"));
    line("  timeout: " + Durations.format(vault.timeout()));
    if (!vault.revocationPoll().equals(VaultConfig.DEFAULT_REVOCATION_POLL)) {
      line("  revocation poll: every " + Durations.format(vault.revocationPoll()));
    }
    line("task: " + identityNote);
    attestation(config.attestation());
    OutsideToolsRule outside = config.outsideTools();
    line(
        "outside tools: "
            + (outside.aws() == Mode.DENY
                ? "AWS denied"
                : "AWS with the ambient credentials, for "
                    + String.join(", ", outside.ambientServices())
                    + " only"));
    if (!config.hiddenEnvironment().isEmpty()) {
      line("hidden from tools and their processes: "
          + String.join(", ", config.hiddenEnvironment()));
    }
    line("telemetry: " + config.telemetryExporter());
    list(
        "turn boundaries",
        config.turnBoundaries().stream().map(BoundarySpec::toString).toList(),
        "  ");
    TurnRule turns = config.turnRule();
    line(
        "turn tokens hold: "
            + (turns.tools() == null ? "all of the task's tools" : "tools " + turns.tools())
            + ", "
            + (turns.repos() == null
                ? "all of the task's repositories"
                : "repositories " + turns.repos()));
    if (config.tools().isEmpty()) {
      line("tools: none (every AWS call follows the outside-tools rule)");
    } else {
      line("tools: " + config.tools().size());
    }
    for (ToolConfig tool : config.tools()) {
      line("");
      tool(config.source(), tool, identity);
    }
    if (!config.apis().isEmpty()) {
      line("");
      line("external APIs: " + config.apis().size());
    }
    for (ApiConfig api : config.apis()) {
      List<String> removed = api.removedHeaders();
      line("  " + api.host() + ": a " + api.token() + " token per "
          + (api.token().equals(ApiConfig.SINGLE_USE) ? "request" : "tool call") + ", in '"
          + api.header() + ": " + api.headerValue("<token>") + "' (replaces the application's)"
          + (removed.isEmpty() ? "" : "; takes off " + String.join(", ", removed)));
    }
  }

  private void attestation(AttestationConfig attestation) {
    line(
        "attestation: "
            + attestation.provider()
            + ", re-attested every "
            + Durations.format(attestation.refresh()));
    switch (attestation.provider()) {
      case AttestationConfig.LOCAL:
        String attestor = attestation.local().attestor();
        line(
            "  attestor: "
                + (attestor != null
                    ? attestor
                    : "not set here (TETHER_LOCAL_ATTESTOR or -Dtether.local.attestor at run time;"
                        + " 'tether-agent.jar launch' sets it)"));
        break;
      case AttestationConfig.NITRO:
        line("  command: " + attestation.nitro().command());
        break;
      case AttestationConfig.EC2_IID:
        line("  imds: " + attestation.ec2Iid().imds());
        line("  signature: " + attestation.ec2Iid().signature());
        break;
      case AttestationConfig.AGENTCORE:
        AttestationConfig.AgentCore agentCore = attestation.agentCore();
        line(
            "  token: read at each attestation from "
                + (agentCore.tokenFile() != null
                    ? "the file " + agentCore.tokenFile()
                    : "the environment variable " + agentCore.tokenEnv()));
        break;
      default:
        line(
            "  evidence: none (the Vault must be told to accept 'network'; it then pins each"
                + " session to the network)");
    }
  }

  private void tool(String source, ToolConfig tool, TaskIdentity identity) {
    line("tool " + tool.name() + " (line " + tool.line() + ")");
    line(
        "  boundary: "
            + (tool.boundary() == null
                ? "@Tool method named '" + tool.name() + "' (LangChain4j or Spring AI)"
                : tool.boundary().toString()));
    AwsScope aws = tool.aws();
    if (aws.isEmpty()) {
      line("  aws: as the task grant gives it (not narrowed here)");
    } else {
      list("  aws actions", aws.actions(), "    ");
      list("  aws resources as written", aws.resources(), "    ");
      AwsScope forPolicy = null;
      if (identity != null) {
        forPolicy = aws.resolve(identity);
        list("  aws resources for task " + identity.taskId(), forPolicy.resources(), "    ");
      } else if (!aws.hasPlaceholders()) {
        forPolicy = aws;
      }
      if (forPolicy == null) {
        line("  session policy: shown when a task identity is given");
      } else {
        sessionPolicy(source, tool, forPolicy);
      }
    }
    list("  egress", tool.egress(), "    ");
  }

  private void sessionPolicy(String source, ToolConfig tool, AwsScope scope) {
    try {
      String json = SessionPolicy.toJson(scope);
      line(
          "  session policy ("
              + json.length()
              + " of "
              + SessionPolicy.MAX_LENGTH
              + " characters):");
      line("    " + json);
    } catch (IllegalArgumentException e) {
      line("  session policy: none, see the problem below");
      problems.add(
          new ConfigProblem(
              source, tool.line(), 0, "tool '" + tool.name() + "': " + e.getMessage(), null));
    }
  }

  private void list(String title, List<String> items, String indent) {
    if (items.isEmpty()) {
      line(title + ": none");
      return;
    }
    line(title + ":");
    for (String item : items) {
      line(indent + item);
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
