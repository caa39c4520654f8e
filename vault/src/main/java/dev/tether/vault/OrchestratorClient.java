package dev.tether.vault;

import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.WireHttp;
import java.net.URI;

/**
 * What an orchestrator does before it launches an agent runtime: asks the Vault for a task grant,
 * over HTTP with its own credential. The {@code grant} command and the demo use it.
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

  @Override
  public String toString() {
    return "OrchestratorClient[" + vault + ", token=<redacted>]";
  }
}
