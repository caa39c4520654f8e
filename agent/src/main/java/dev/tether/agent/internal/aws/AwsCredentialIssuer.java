package dev.tether.agent.internal.aws;

import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.task.TaskUnavailable;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherDeniedException;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;

/** Exchanges a tool-call token for AWS session credentials at the Vault, with its span. */
public final class AwsCredentialIssuer {

  /** STS's floor; the Vault may not issue shorter sessions. */
  private static final int SESSION_SECONDS = 900;

  private final VaultClient vault;
  private final TaskSessions sessions;
  private final Derivations derivations;
  private final Telemetry telemetry;

  public AwsCredentialIssuer(
      VaultClient vault, TaskSessions sessions, Derivations derivations, Telemetry telemetry) {
    this.vault = vault;
    this.sessions = sessions;
    this.derivations = derivations;
    this.telemetry = telemetry;
  }

  /** A tool-call token is derived again when less than this remains, so the Vault accepts it. */
  private static final long TOKEN_MARGIN_SECONDS = 10;

  public IssuedAwsCredentials issue(ToolCall call) {
    SpanHandle span =
        telemetry
            .start(Telemetry.SPAN_EXCHANGE, call.span())
            .attribute("tether.layer", "upstream_credential")
            .attribute("tether.tool", call.tool())
            .attribute("tether.parent.id", call.callId());
    try {
      LayeredToken token = derivations.currentToken(call, TOKEN_MARGIN_SECONDS);
      span.attribute("task.id", token.grant().taskId());
      AwsCredentialsRequest request = new AwsCredentialsRequest(token.encode(), SESSION_SECONDS);
      AwsCredentialsResponse response =
          sessions.withFreshBinding(call.session(), () -> vault.awsCredentials(request));
      span.attribute("tether.token.id", response.issuanceId())
          .attribute("tether.credential.id", response.accessKeyId());
      return new IssuedAwsCredentials(
          response.accessKeyId(),
          response.secretAccessKey(),
          response.sessionToken(),
          response.expiration().toEpochMilli());
    } catch (ChainRefusal e) {
      span.fail(e.getMessage());
      throw new TetherDeniedException(
          "Tether could not renew the token of tool '" + call.tool() + "': " + e.getMessage()
              + "; nothing was sent");
    } catch (TaskUnavailable e) {
      span.fail(e.getMessage());
      throw new TetherDeniedException(
          "Tether could not obtain AWS credentials for tool '" + call.tool() + "': the Vault"
              + " found the workload's attestation stale and it could not be renewed ("
              + e.getMessage() + "); nothing was sent");
    } catch (VaultException e) {
      span.fail(e.getMessage());
      // A refusal that says the task or tool is revoked is news: every later use is refused here.
      sessions.learnRevocation(call.session(), call.tool(), e);
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
