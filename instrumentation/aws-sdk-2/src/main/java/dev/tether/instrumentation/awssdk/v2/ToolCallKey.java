package dev.tether.instrumentation.awssdk.v2;

import dev.tether.bootstrap.IssuedAwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/** A tool call's credentials in the SDK's forms, made once and reused by the call's requests. */
final class ToolCallKey {

  final IssuedAwsCredentials issued;
  final AwsSessionCredentials credentials;
  final StaticCredentialsProvider provider;
  /** The override for requests that carry none of their own. */
  final AwsRequestOverrideConfiguration override;
  /** A client's identity providers with this key in place of its AWS credentials provider. */
  final ReplacedProviders identityProviders;

  ToolCallKey(IssuedAwsCredentials issued) {
    this.issued = issued;
    this.credentials =
        AwsSessionCredentials.create(
            issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    this.provider = StaticCredentialsProvider.create(credentials);
    this.override = AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build();
    this.identityProviders =
        new ReplacedProviders(clients -> clients.toBuilder().putIdentityProvider(provider).build());
  }
}
