package dev.tether.agent.internal.vault;

import dev.tether.agent.internal.telemetry.Untraced;
import dev.tether.bootstrap.OwnTraffic;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.GitHubToken;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.RevocationStatus;
import dev.tether.core.wire.RevocationStatusRequest;
import dev.tether.core.wire.WireHttp;
import java.net.URI;

/**
 * The agent's only network peer: it redeems the task grant once and exchanges tool-call tokens
 * for AWS credentials, each on the calling thread and bounded by the configured timeout. Every
 * request carries a proof of possession signed with this JVM's workload key, which is made at the
 * first request and never leaves the process.
 */
public final class VaultClient {

  private final VaultEndpoint endpoint;
  private volatile WorkloadKey key;

  public VaultClient(VaultEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Makes the workload key now and signs one proof nobody sees, so that the first real request
   * does not pay for loading the JDK's Ed25519 implementation.
   */
  public void prepareWorkloadKey() {
    PopProofs.create(workloadKey(), "POST", "http://localhost/warm-up", "warm-up", 0);
  }

  /** This JVM's workload key: one per client, generated in memory at first use. */
  public WorkloadKey workloadKey() {
    WorkloadKey k = key;
    if (k == null) {
      synchronized (this) {
        k = key;
        if (k == null) {
          k = WorkloadKey.generate();
          key = k;
        }
      }
    }
    return k;
  }

  public VaultEndpoint endpoint() {
    return endpoint;
  }

  /**
   * A nonce for the next attestation, issued to this JVM's workload key. The request presents no
   * token, so its proof covers the agent's bearer token.
   */
  public AttestationNonce nonce(String kind) throws VaultException {
    return post("/v1/attestations/nonces", new NonceRequest(kind), null, AttestationNonce.class);
  }

  /** Renews the binding of the task {@code request.token()} belongs to. */
  public Binding reattest(ReattestRequest request) throws VaultException {
    return post("/v1/attestations", request, request.token(), Binding.class);
  }

  /** A single-use API token for the tool call {@code request.token()} ends in. */
  public ApiToken apiToken(ApiTokenRequest request) throws VaultException {
    return post("/v1/api-tokens", request, request.token(), ApiToken.class);
  }

  /** A GitHub installation token for the tool call {@code request.token()} ends in. */
  public GitHubToken gitHubToken(GitHubTokenRequest request) throws VaultException {
    return post("/v1/github/tokens", request, request.token(), GitHubToken.class);
  }

  /** What is revoked of the task {@code request.token()} belongs to (the background poll). */
  public RevocationStatus revocationStatus(RevocationStatusRequest request)
      throws VaultException {
    return post("/v1/revocations/status", request, request.token(), RevocationStatus.class);
  }

  public IssuedToken redeem(RedeemRequest request) throws VaultException {
    return post("/v1/tasks", request, request.grant(), IssuedToken.class);
  }

  public AwsCredentialsResponse awsCredentials(AwsCredentialsRequest request)
      throws VaultException {
    return post("/v1/aws/credentials", request, request.token(), AwsCredentialsResponse.class);
  }

  /** @param presented the token the request presents, {@code null} for the bearer token */
  private <R> R post(String path, Object request, String presented, Class<R> answer)
      throws VaultException {
    WorkloadKey workload = workloadKey();
    URI base;
    String token;
    try {
      base = endpoint.url();
      token = endpoint.token();
    } catch (IllegalStateException e) {
      throw new VaultException(e.getMessage(), null, 0);
    }
    String covered = presented != null ? presented : token;
    OwnTraffic.begin(); // the HTTP client hooks leave the agent's own requests alone
    try {
      return Untraced.send(
          () ->
              WireHttp.post(
                  base,
                  path,
                  token,
                  endpoint.timeoutMillis(),
                  request,
                  answer,
                  url ->
                      PopProofs.create(
                          workload, "POST", url, covered, System.currentTimeMillis() / 1000)));
    } catch (WireHttp.Failure e) {
      throw new VaultException(e.getMessage(), e.code(), e.status());
    } finally {
      OwnTraffic.end();
    }
  }
}
