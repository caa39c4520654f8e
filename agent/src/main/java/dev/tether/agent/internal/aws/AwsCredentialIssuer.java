package dev.tether.agent.internal.aws;

import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.TaskIdentity;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;

/** Exchanges a tool call's scope for AWS session credentials at the Vault, with its span. */
public final class AwsCredentialIssuer {

  /** STS's floor; the Vault may not issue shorter sessions. */
  private static final int SESSION_SECONDS = 900;

  private final VaultClient vault;
  private final Telemetry telemetry;

  public AwsCredentialIssuer(VaultClient vault, Telemetry telemetry) {
    this.vault = vault;
    this.telemetry = telemetry;
  }

  public IssuedAwsCredentials issue(ToolCall call, TaskIdentity task, AwsScope scope) {
    SpanHandle span =
        telemetry
            .start(Telemetry.SPAN_EXCHANGE, call.span())
            .attribute("tether.layer", "upstream_credential")
            .attribute("tether.tool", call.tool())
            .attribute("tether.parent.id", call.callId())
            .attribute("task.id", task.taskId());
    try {
      AwsCredentialsResponse response =
          vault.awsCredentials(
              new AwsCredentialsRequest(
                  task.taskId(),
                  task.userId(),
                  task.repo(),
                  call.tool(),
                  call.callId(),
                  call.turn() == null ? null : call.turn().id(),
                  scope.actions(),
                  scope.resources(),
                  SESSION_SECONDS));
      span.attribute("tether.token.id", response.issuanceId())
          .attribute("tether.credential.id", response.accessKeyId());
      return new IssuedAwsCredentials(
          response.accessKeyId(),
          response.secretAccessKey(),
          response.sessionToken(),
          response.expiration().toEpochMilli());
    } catch (VaultException e) {
      span.fail(e.getMessage());
      throw new TetherDeniedException(
          "Tether could not obtain AWS credentials for tool '"
              + call.tool()
              + "': "
              + e.getMessage()
              + "; nothing was sent");
    } finally {
      span.end();
    }
  }
}
