package dev.tether.agent.internal.aws;

import dev.tether.agent.internal.config.OutsideToolsRule;
import dev.tether.agent.internal.context.TaskIdentitySource;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.AwsRequestInFlight;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.aws.AwsRequestTarget;
import dev.tether.core.aws.AwsRequestTargets;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.TaskIdentity;
import java.util.Map;

/**
 * Decides each AWS SDK request and each direct ask of an ambient credentials provider, on the
 * calling thread, before anything is signed. Every decision is a {@code tether.decision} span.
 */
public final class AwsRequestGuard {

  private final OutsideToolsRule outsideTools;
  private final TaskIdentitySource task;
  private final AwsCredentialIssuer issuer;
  private final VaultEndpoint vault;
  private final Telemetry telemetry;
  private final String configSource;

  public AwsRequestGuard(
      OutsideToolsRule outsideTools,
      TaskIdentitySource task,
      AwsCredentialIssuer issuer,
      VaultEndpoint vault,
      Telemetry telemetry,
      String configSource) {
    this.outsideTools = outsideTools;
    this.task = task;
    this.issuer = issuer;
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
      return null; // the Vault's own STS endpoint (local mode): Tether's plane, not a tool's
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
    TaskIdentity identity = identity(call, target);
    AwsScope scope = call.awsScope(identity);
    if (call.config() == null || scope.isEmpty()) {
      throw deny(
          call,
          target,
          "Tether refused " + describe(target) + " in tool '" + call.tool() + "': the tool has no AWS scope in "
              + configSource + " (add tools[name=" + call.tool() + "].aws); nothing was sent");
    }
    if (!call.allows(scope, target.action(), target.resourceArn())) {
      throw deny(
          call,
          target,
          "Tether refused " + describe(target) + " in tool '" + call.tool() + "': outside the tool's scope "
              + "(it allows " + scope.actions() + " on " + scope.resources() + "); nothing was sent");
    }
    return issue(call, identity, scope, target, IN_SCOPE);
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
    TaskIdentity identity = identity(call, target);
    AwsScope scope = call.awsScope(identity);
    if (call.config() == null || scope.isEmpty()) {
      throw deny(
          call,
          target,
          "Tether refused AWS credentials from " + provider + " in tool '" + call.tool()
              + "': the tool has no AWS scope in " + configSource);
    }
    return issue(call, identity, scope, target, "the tool call's own credentials, in place of " + provider);
  }

  /** The call's credentials (from the Vault at its first use), recorded as an allow decision. */
  private IssuedAwsCredentials issue(
      ToolCall call, TaskIdentity identity, AwsScope scope, AwsRequestTarget target, String reason) {
    IssuedAwsCredentials credentials = call.credentials(() -> issuer.issue(call, identity, scope));
    decision(call, target, "allow", reason, credentials.accessKeyId());
    return credentials;
  }

  private static final String IN_SCOPE = "inside the tool's scope";

  private static String describe(AwsRequestTarget target) {
    return target.action() + " on " + target.resourceArn();
  }

  private TaskIdentity identity(ToolCall call, AwsRequestTarget target) {
    try {
      return task.get();
    } catch (RuntimeException e) {
      throw deny(call, target, "Tether refused " + target.action() + ": " + e.getMessage());
    }
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
