package dev.tether.agent.internal.aws;

import dev.tether.agent.internal.config.OutsideToolsRule;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.AwsRequestInFlight;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.aws.AwsRequestTarget;
import dev.tether.core.aws.AwsRequestTargets;
import dev.tether.core.scope.AwsScope;
import java.util.Map;

/**
 * Decides each AWS SDK request and each direct ask of an ambient credentials provider, on the
 * calling thread, before anything is signed. Every decision is a {@code tether.decision} span.
 */
public final class AwsRequestGuard {

  private final OutsideToolsRule outsideTools;
  private final AwsCredentialIssuer issuer;
  private final TaskSessions sessions;
  private final VaultEndpoint vault;
  private final Telemetry telemetry;
  private final String configSource;

  public AwsRequestGuard(
      OutsideToolsRule outsideTools,
      AwsCredentialIssuer issuer,
      TaskSessions sessions,
      VaultEndpoint vault,
      Telemetry telemetry,
      String configSource) {
    this.outsideTools = outsideTools;
    this.issuer = issuer;
    this.sessions = sessions;
    this.vault = vault;
    this.telemetry = telemetry;
    this.configSource = configSource;
  }

  public IssuedAwsCredentials authorize(
      Object context,
      String service,
      String operation,
      String region,
      Map<String, String> fields,
      String endpoint) {
    if (vault.isOwnOrigin(endpoint)) {
      return null; // addressed to the Vault: Tether's plane, not a tool's
    }
    AwsRequestTarget target = AwsRequestTargets.of(service, operation, region, fields);
    if (!(context instanceof ToolCall)) {
      String prefix = AwsRequestTargets.iamPrefix(service);
      if (outsideTools.allowsAmbient(prefix)) {
        decision(null, target, "ambient", "outside any tool; service '" + prefix + "' is listed in outside-tools.ambient-services", null);
        return IssuedAwsCredentials.AMBIENT;
      }
      throw deny(
          null,
          target,
          "Tether refused " + describe(target) + ": the request was made outside any tool call, and "
              + (outsideTools.aws() == OutsideToolsRule.Mode.DENY
                  ? "outside-tools.aws is 'deny'"
                  : "'" + prefix + "' is not in outside-tools.ambient-services")
              + " in " + configSource + "; nothing was sent");
    }
    ToolCall call = (ToolCall) context;
    String refused = usable(call);
    if (refused != null) {
      throw deny(
          call,
          target,
          "Tether refused " + describe(target) + " in tool '" + call.tool() + "': " + refused
              + "; nothing was sent");
    }
    AwsScope scope = call.awsScope();
    if (!call.allows(target.action(), target.resourceArn())) {
      throw deny(
          call,
          target,
          "Tether refused " + describe(target) + " in tool '" + call.tool() + "': outside the tool's scope "
              + "(it allows " + scope.actions() + " on " + scope.resources() + "); nothing was sent");
    }
    return issue(call, target, IN_SCOPE);
  }

  /** A direct ask of an ambient provider (or the SDK's identity resolution on 2.23-2.46). */
  public IssuedAwsCredentials onAmbientProvider(Object context, String providerType) {
    IssuedAwsCredentials inFlight = AwsRequestInFlight.get();
    if (inFlight != null) {
      return inFlight.isAmbient() ? null : inFlight; // already decided for this request
    }
    String provider = providerType.substring(providerType.lastIndexOf('.') + 1);
    AwsRequestTarget target = new AwsRequestTarget("credentials:" + provider, "*");
    if (!(context instanceof ToolCall)) {
      throw deny(
          null,
          target,
          "Tether refused AWS credentials from " + provider + ": requested outside any tool call; "
              + "ambient credentials reach only SDK clients of the services listed in "
              + "outside-tools.ambient-services (" + configSource + ")");
    }
    ToolCall call = (ToolCall) context;
    String refused = usable(call);
    if (refused != null) {
      throw deny(
          call,
          target,
          "Tether refused AWS credentials from " + provider + " in tool '" + call.tool() + "': "
              + refused);
    }
    return issue(call, target, "the tool call's own credentials, in place of " + provider);
  }

  /**
   * Why the call's token cannot be used at all, checked before every use: none was derived, its
   * task has ended (the runtime moved on to another task), its task or tool is revoked (its
   * credentials are dropped then), it grants no AWS access, or the workload's attestation binding
   * is stale and cannot be renewed.
   */
  private String usable(ToolCall call) {
    if (call.refusal() != null) {
      return call.refusal();
    }
    if (call.ended()) {
      return ToolCall.ENDED_REFUSAL;
    }
    if (!call.session().isActive()) {
      return "the task this tool call belongs to has ended (the runtime redeemed another task's"
          + " grant); its tokens and credentials are dropped";
    }
    String revoked = call.session().revocationProblem(call.tool());
    if (revoked != null) {
      call.dropCredentials();
      return revoked + "; the tool call's credentials are dropped";
    }
    if (call.awsScope().isEmpty()) {
      return "the tool's token grants no AWS access (the task grant, the turn or " + configSource
          + " gives tool '" + call.tool() + "' no AWS scope)";
    }
    String binding = sessions.bindingProblem(call.session());
    if (binding != null) {
      call.dropCredentials();
      return binding;
    }
    return null;
  }

  /** The call's credentials (from the Vault at its first use), recorded as an allow decision. */
  private IssuedAwsCredentials issue(ToolCall call, AwsRequestTarget target, String reason) {
    IssuedAwsCredentials credentials = call.credentials(() -> issuer.issue(call));
    decision(call, target, "allow", reason, credentials.accessKeyId());
    return credentials;
  }

  private static final String IN_SCOPE = "inside the tool's scope";

  private static String describe(AwsRequestTarget target) {
    return target.action() + " on " + target.resourceArn();
  }

  private TetherDeniedException deny(ToolCall call, AwsRequestTarget target, String message) {
    decision(call, target, "deny", message, null);
    return new TetherDeniedException(message);
  }

  private void decision(
      ToolCall call, AwsRequestTarget target, String decision, String reason, String credentialId) {
    SpanHandle span =
        telemetry
            .start(Telemetry.SPAN_DECISION, call == null ? null : call.span())
            .attribute("tether.decision", decision)
            .attribute("tether.reason", reason)
            .attribute("tether.aws.action", target.action())
            .attribute("tether.aws.resource", target.resourceArn())
            .attribute("tether.tool", call == null ? null : call.tool())
            .attribute("tether.parent.id", call == null ? null : call.callId())
            .attribute("tether.credential.id", credentialId);
    if (decision.equals("deny")) {
      span.fail(reason);
    }
    span.end();
  }
}
