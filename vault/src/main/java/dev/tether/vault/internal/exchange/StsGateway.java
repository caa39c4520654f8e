package dev.tether.vault.internal.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The Vault's STS client: the real AWS SDK {@link StsClient}, signing with the Vault's base
 * credentials. The same code serves the local STS and a real one; only endpoint and credentials
 * differ.
 */
public final class StsGateway implements AutoCloseable {

  private final SdkHttpClient http;
  private final StsClient sts;
  private final AwsCredentialsProvider credentials;
  private final String roleArn;
  private final String endpointDescription;

  /**
   * @param endpoint the STS endpoint, or {@code null} for the SDK's default for us-east-1
   * @param credentials the Vault's base credentials; closed with this gateway if closeable
   */
  public StsGateway(URI endpoint, AwsCredentialsProvider credentials, String roleArn) {
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
   * Calls AssumeRole; STS refusals surface as {@code StsException}, transport failures as {@code
   * SdkClientException}.
   */
  AssumeRoleResponse assumeRole(
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
   * Local mode: one AssumeRole with a deny-all policy through the whole path (SDK client, SigV4,
   * the local STS), whose session is discarded. Throws what the first real exchange would throw.
   */
  public void selfCheck() {
    assumeRole(
        "tether-vault-self-check",
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
