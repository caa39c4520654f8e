package dev.tether.vault.internal.exchange;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.vault.internal.exchange.sts.BaseCredentials;
import dev.tether.vault.internal.exchange.sts.InProcessSts;
import dev.tether.vault.internal.exchange.sts.SessionCredentials;
import dev.tether.vault.internal.exchange.sts.StsEndpoint;
import dev.tether.vault.internal.exchange.sts.StsForms;
import dev.tether.vault.internal.exchange.sts.StsQueryClient;
import dev.tether.vault.internal.exchange.sts.StsRefusedException;
import dev.tether.vault.internal.exchange.sts.StsUnavailableException;
import dev.tether.vault.internal.oidc.WebIdentityTokens;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The Vault's STS client: a lean query-API client ({@link StsQueryClient}) that either signs
 * {@code AssumeRole} with the Vault's base credentials (SigV4) or presents a web identity token the
 * Vault minted as an OpenID Connect issuer. The same code serves the local STS and a real one; only
 * endpoint and credentials differ.
 *
 * <p>It replaced the AWS SDK's {@code StsClient}, whose request pipeline (marshalling,
 * interceptors, signer, unmarshalling) took 42 % of the Vault's CPU under load.
 */
public final class StsGateway implements AutoCloseable {

  private final StsQueryClient sts;
  private final BaseCredentials credentials; // null: web identity, nothing to sign with
  private final String roleArn;
  private final String endpointDescription;
  private final WebIdentityTokens webIdentity; // null: AssumeRole with the base credentials

  /**
   * @param endpoint the STS endpoint, or {@code null} for the AWS SDK's default for us-east-1
   *     ({@code https://sts.us-east-1.amazonaws.com})
   * @param credentials the Vault's base credentials, resolved at every call; closed with this
   *     gateway if closeable
   */
  public StsGateway(URI endpoint, AwsCredentialsProvider credentials, String roleArn) {
    this(endpoint, null, new BaseCredentials(credentials), roleArn, null);
  }

  private StsGateway(
      URI endpoint,
      InProcessSts inProcess,
      BaseCredentials credentials,
      String roleArn,
      WebIdentityTokens webIdentity) {
    StsEndpoint target = StsEndpoint.of(endpoint);
    this.sts =
        inProcess == null
            ? new StsQueryClient(target)
            : StsQueryClient.inProcess(target, inProcess);
    this.credentials = credentials;
    this.roleArn = roleArn;
    this.webIdentity = webIdentity;
    this.endpointDescription =
        (endpoint == null ? "the default STS endpoint " + target : endpoint.toString())
            + (inProcess == null ? "" : " (in process)");
  }

  /**
   * Local mode: a gateway to the local STS in this process, which it reaches without a socket,
   * signing each request as for {@code endpoint} (the local STS's own listener) with {@code
   * credentials}; or, with {@code webIdentity}, presenting a token the Vault minted.
   */
  public static StsGateway inProcess(
      InProcessSts sts,
      URI endpoint,
      AwsCredentialsProvider credentials,
      WebIdentityTokens webIdentity,
      String roleArn) {
    return webIdentity != null
        ? new StsGateway(endpoint, sts, null, roleArn, webIdentity)
        : new StsGateway(endpoint, sts, new BaseCredentials(credentials), roleArn, null);
  }

  /**
   * A gateway that authenticates to STS with a web identity token it mints per session ({@code
   * AssumeRoleWithWebIdentity}, sent unsigned): the Vault needs no AWS credentials of its own, and
   * the role trusts the Vault as an OpenID Connect issuer.
   */
  public static StsGateway withWebIdentity(
      URI endpoint, WebIdentityTokens webIdentity, String roleArn) {
    return new StsGateway(endpoint, null, null, roleArn, webIdentity);
  }

  /** The STS action each session is made with, for messages. */
  String operation() {
    return webIdentity == null ? "AssumeRole" : "AssumeRoleWithWebIdentity";
  }

  /**
   * One session for one tool call, by {@link #operation()}.
   *
   * @throws StsRefusedException STS's refusal, with its code and message
   * @throws StsUnavailableException STS unreachable or timed out, an answer that is no STS answer,
   *     or no base credentials to sign with
   */
  SessionCredentials issueSession(
      String roleSessionName,
      String tool,
      String policy,
      Map<String, String> tags,
      String sourceIdentity,
      int durationSeconds)
      throws StsRefusedException, StsUnavailableException {
    if (webIdentity == null) {
      String form =
          StsForms.assumeRole(
              roleArn, roleSessionName, policy, tags, sourceIdentity, durationSeconds);
      return sts.call("AssumeRole", form, credentials.resolve());
    }
    String form =
        StsForms.assumeRoleWithWebIdentity(
            roleArn,
            roleSessionName,
            webIdentity.mint(tool, tags, sourceIdentity),
            policy,
            durationSeconds);
    return sts.call("AssumeRoleWithWebIdentity", form, null);
  }

  /**
   * Local mode: one session with a deny-all policy through the whole path (signature or web
   * identity token, the local STS, the answer), then discarded.
   *
   * @throws IllegalStateException with what the first real exchange would have met
   */
  public void selfCheck() {
    try {
      issueSession(
          "tether-vault-self-check", "self-check", SessionPolicy.DENY_ALL, Map.of(), null, 900);
    } catch (StsRefusedException e) {
      throw new IllegalStateException(
          "the Vault's STS self-check was refused by STS at "
              + endpointDescription
              + " ("
              + operation()
              + ", HTTP "
              + e.status()
              + "): "
              + e.code()
              + ": "
              + e.stsMessage(),
          e);
    } catch (StsUnavailableException e) {
      throw new IllegalStateException(
          "the Vault's STS self-check got no answer from STS at "
              + endpointDescription
              + " ("
              + operation()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  String roleArn() {
    return roleArn;
  }

  String endpointDescription() {
    return endpointDescription;
  }

  @Override
  public void close() {
    sts.close();
    if (credentials != null) {
      credentials.close();
    }
  }
}
