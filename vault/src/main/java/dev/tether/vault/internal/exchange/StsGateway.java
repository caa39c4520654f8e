package dev.tether.vault.internal.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.tether.vault.internal.oidc.WebIdentityTokens;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The Vault's STS client: the real AWS SDK {@link StsClient}, either signing {@code AssumeRole}
 * with the Vault's base credentials or presenting a web identity token the Vault minted as an
 * OpenID Connect issuer. The same code serves the local STS and a real one; only endpoint and
 * credentials differ.
 */
public final class StsGateway implements AutoCloseable {

  private final SdkHttpClient http;
  private final StsClient sts;
  private final AwsCredentialsProvider credentials;
  private final String roleArn;
  private final String endpointDescription;
  private final WebIdentityTokens webIdentity; // null: AssumeRole with the base credentials

  /**
   * @param endpoint the STS endpoint, or {@code null} for the SDK's default for us-east-1
   * @param credentials the Vault's base credentials; closed with this gateway if closeable
   */
  public StsGateway(URI endpoint, AwsCredentialsProvider credentials, String roleArn) {
    this(endpoint, credentials, roleArn, null);
  }

  private StsGateway(
      URI endpoint,
      AwsCredentialsProvider credentials,
      String roleArn,
      WebIdentityTokens webIdentity) {
    this.webIdentity = webIdentity;
    // Apache's client: it sets TCP_NODELAY and keeps connections alive. The URL-connection client
    // sends a POST's body in a second small segment, which Nagle held until the STS endpoint's
    // delayed ACK: ~40 ms added to every exchange (measured in AttestationRound).
    this.http =
        ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .tcpKeepAlive(true)
            .build();
    StsClientBuilder builder =
        StsClient.builder()
            .httpClient(http)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    this.sts = builder.build();
    this.credentials = credentials;
    this.roleArn = roleArn;
    this.endpointDescription = endpoint == null ? "the default STS endpoint" : endpoint.toString();
  }

  /**
   * A gateway that authenticates to STS with a web identity token it mints per session ({@code
   * AssumeRoleWithWebIdentity}, sent unsigned): the Vault needs no AWS credentials of its own, and
   * the role trusts the Vault as an OpenID Connect issuer.
   */
  public static StsGateway withWebIdentity(
      URI endpoint, WebIdentityTokens webIdentity, String roleArn) {
    return new StsGateway(endpoint, AnonymousCredentialsProvider.create(), roleArn, webIdentity);
  }

  /** The STS action each session is made with, for messages. */
  String operation() {
    return webIdentity == null ? "AssumeRole" : "AssumeRoleWithWebIdentity";
  }

  /**
   * One session for one tool call, by {@link #operation()}; STS refusals surface as {@code
   * StsException}, transport failures as {@code SdkClientException}.
   */
  Credentials issueSession(
      String roleSessionName,
      String tool,
      String policy,
      Map<String, String> tags,
      String sourceIdentity,
      int durationSeconds) {
    if (webIdentity == null) {
      return assumeRole(roleSessionName, policy, tags, sourceIdentity, durationSeconds)
          .credentials();
    }
    return sts.assumeRoleWithWebIdentity(
            AssumeRoleWithWebIdentityRequest.builder()
                .roleArn(roleArn)
                .roleSessionName(roleSessionName)
                .webIdentityToken(webIdentity.mint(tool, tags, sourceIdentity))
                .policy(policy)
                .durationSeconds(durationSeconds)
                .build())
        .credentials();
  }

  private AssumeRoleResponse assumeRole(
      String roleSessionName,
      String policy,
      Map<String, String> tags,
      String sourceIdentity,
      int durationSeconds) {
    List<Tag> stsTags = new ArrayList<>(tags.size());
    tags.forEach((key, value) -> stsTags.add(Tag.builder().key(key).value(value).build()));
    return sts.assumeRole(
        AssumeRoleRequest.builder()
            .roleArn(roleArn)
            .roleSessionName(roleSessionName)
            .policy(policy)
            .tags(stsTags)
            .sourceIdentity(sourceIdentity)
            .durationSeconds(durationSeconds)
            .build());
  }

  /**
   * Local mode: one session with a deny-all policy through the whole path (SDK client, SigV4 or
   * the web identity token, the local STS), then discarded. Throws what the first real exchange
   * would throw.
   */
  public void selfCheck() {
    issueSession(
        "tether-vault-self-check",
        "self-check",
        dev.tether.core.policy.SessionPolicy.DENY_ALL,
        Map.of(),
        null,
        900);
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
    http.close();
    if (credentials instanceof SdkAutoCloseable) {
      ((SdkAutoCloseable) credentials).close();
    }
  }
}
