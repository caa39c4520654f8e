package dev.tether.agent.internal.vault;

import dev.tether.agent.internal.telemetry.Untraced;
import dev.tether.bootstrap.OwnTraffic;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.SessionProofKey;
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
 * request carries a proof of possession. The workload key, made at the first request and never
 * leaving the process, signs the requests that bind it (nonces, redemption, re-attestation);
 * once a redemption's answer has handed over a session proof key over a confidential channel, the
 * others are MACed with that key, which the Vault checks at a fraction of a signature's cost.
 */
public final class VaultClient {

  private final VaultEndpoint endpoint;
  private volatile WorkloadKey key;
  /**
   * From the latest redemption that handed one over. Every key the Vault derives for this JVM's
   * workload key proves for all of its tasks, so a later one may replace an earlier one.
   */
  private volatile SessionProofKey sessionKey;

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
    return post("/v1/attestations/nonces", new NonceRequest(kind), null, AttestationNonce.class,
        SIGNED);
  }

  /** Renews the binding of the task {@code request.token()} belongs to. */
  public Binding reattest(ReattestRequest request) throws VaultException {
    return post("/v1/attestations", request, request.token(), Binding.class, SIGNED);
  }

  /** A single-use API token for the tool call {@code request.token()} ends in. */
  public ApiToken apiToken(ApiTokenRequest request) throws VaultException {
    return post("/v1/api-tokens", request, request.token(), ApiToken.class, SESSION);
  }

  /** A GitHub installation token for the tool call {@code request.token()} ends in. */
  public GitHubToken gitHubToken(GitHubTokenRequest request) throws VaultException {
    return post("/v1/github/tokens", request, request.token(), GitHubToken.class, SESSION);
  }

  /** What is revoked of the task {@code request.token()} belongs to (the background poll). */
  public RevocationStatus revocationStatus(RevocationStatusRequest request)
      throws VaultException {
    return post("/v1/revocations/status", request, request.token(), RevocationStatus.class,
        SESSION);
  }

  /**
   * Redeems a grant. A session proof key in the answer is kept here, only if the answer came over
   * a confidential channel, and is not passed on.
   */
  public IssuedToken redeem(RedeemRequest request) throws VaultException {
    IssuedToken issued = post("/v1/tasks", request, request.grant(), IssuedToken.class, SIGNED);
    if (issued.proofKey() == null) {
      return issued;
    }
    keepSessionKey(issued.proofKeyId(), issued.proofKey());
    return new IssuedToken(
        issued.token(), issued.tokenId(), issued.taskId(), issued.expiresAt(), issued.binding());
  }

  private void keepSessionKey(String keyId, String encoded) {
    if (!endpoint.confidential()) {
      return; // it crossed a channel others can read: no longer a secret, so keep signing
    }
    try {
      sessionKey = SessionProofKey.decode(keyId, encoded);
    } catch (IllegalArgumentException e) {
      // A key this agent cannot use: signed proofs stay good with every Vault.
    }
  }

  /** Whether later proofs are MACed with a session proof key rather than signed. */
  public boolean holdsSessionKey() {
    return sessionKey != null;
  }

  public AwsCredentialsResponse awsCredentials(AwsCredentialsRequest request)
      throws VaultException {
    return post("/v1/aws/credentials", request, request.token(), AwsCredentialsResponse.class,
        SESSION);
  }

  /** The request binds or re-binds the workload key: only its signature can prove that. */
  private static final boolean SIGNED = false;
  /** The request presents a token already bound to the key: a session key's MAC proves it. */
  private static final boolean SESSION = true;

  /**
   * @param presented the token the request presents, {@code null} for the bearer token
   * @param sessionProof whether a session proof key, if held, may prove this request
   */
  private <R> R post(
      String path, Object request, String presented, Class<R> answer, boolean sessionProof)
      throws VaultException {
    WorkloadKey workload = workloadKey();
    SessionProofKey session = sessionProof ? sessionKey : null;
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
                      session != null
                          ? PopProofs.create(
                              session, "POST", url, covered, System.currentTimeMillis() / 1000)
                          : PopProofs.create(
                              workload, "POST", url, covered, System.currentTimeMillis() / 1000)));
    } catch (WireHttp.Failure e) {
      throw new VaultException(e.getMessage(), e.code(), e.status());
    } finally {
      OwnTraffic.end();
    }
  }
}
