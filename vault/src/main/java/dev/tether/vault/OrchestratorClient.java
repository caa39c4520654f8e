package dev.tether.vault;

import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.core.wire.WireHttp;
import java.net.URI;

/**
 * What an orchestrator does before it launches an agent runtime: asks the Vault for a task grant,
 * over HTTP with its own credential; and, to contain a task, revokes it (or one tool of it). The
 * {@code grant} command and the demo use it.
 */
public final class OrchestratorClient {

  private final URI vault;
  private final String orchestratorToken;
  private final int timeoutMillis;

  public OrchestratorClient(URI vault, String orchestratorToken, int timeoutMillis) {
    this.vault = vault;
    this.orchestratorToken = orchestratorToken;
    this.timeoutMillis = timeoutMillis;
  }

  /** @throws WireHttp.Failure naming the Vault's reason (unknown tool, bad identity, ...) */
  public IssuedToken grant(GrantRequest request) throws WireHttp.Failure {
    return WireHttp.post(vault, "/v1/grants", orchestratorToken, timeoutMillis, request,
        IssuedToken.class);
  }

  /**
   * Revokes a task, or one tool of it: every token derived from it is refused at its next
   * exchange, and the agent drops the credentials it holds for it at their next use. Revoking
   * again answers the first revocation.
   *
   * @throws WireHttp.Failure naming the Vault's reason (unknown tool, bad task id, ...)
   */
  public Revocation revoke(RevocationRequest request) throws WireHttp.Failure {
    return WireHttp.post(vault, "/v1/revocations", orchestratorToken, timeoutMillis, request,
        Revocation.class);
  }

  @Override
  public String toString() {
    return "OrchestratorClient[" + vault + ", token=<redacted>]";
  }
}
