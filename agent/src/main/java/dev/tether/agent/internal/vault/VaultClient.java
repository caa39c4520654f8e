package dev.tether.agent.internal.vault;

import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import java.net.URI;

/**
 * The agent's only network peer: it redeems the task grant once and exchanges tool-call tokens
 * for AWS credentials, each on the calling thread and bounded by the configured timeout.
 */
public final class VaultClient {

  private final VaultEndpoint endpoint;

  public VaultClient(VaultEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public VaultEndpoint endpoint() {
    return endpoint;
  }

  public IssuedToken redeem(RedeemRequest request) throws VaultException {
    return post("/v1/tasks", request, IssuedToken.class);
  }

  public AwsCredentialsResponse awsCredentials(AwsCredentialsRequest request)
      throws VaultException {
    return post("/v1/aws/credentials", request, AwsCredentialsResponse.class);
  }

  private <R> R post(String path, Object request, Class<R> answer) throws VaultException {
    URI base;
    String token;
    try {
      base = endpoint.url();
      token = endpoint.token();
    } catch (IllegalStateException e) {
      throw new VaultException(e.getMessage(), null, 0);
    }
    try {
      return WireHttp.post(base, path, token, endpoint.timeoutMillis(), request, answer);
    } catch (WireHttp.Failure e) {
      throw new VaultException(e.getMessage(), e.code(), e.status());
    }
  }
}
