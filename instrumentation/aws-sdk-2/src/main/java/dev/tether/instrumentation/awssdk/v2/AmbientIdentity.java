package dev.tether.instrumentation.awssdk.v2;

import dev.tether.bootstrap.AwsRequestInFlight;
import dev.tether.bootstrap.IssuedAwsCredentials;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * The client's own credentials provider, let answer for one request Tether decided may use the
 * platform's credentials (outside tools, a service in {@code outside-tools.ambient-services}).
 * SDK releases from 2.47 ask it in the request pipeline, after every interceptor has run: the
 * ambient-provider hooks see the decision only while this wrapper is asking.
 */
final class AmbientIdentity implements IdentityProvider<AwsCredentialsIdentity> {

  private final IdentityProvider<AwsCredentialsIdentity> clients;

  private AmbientIdentity(IdentityProvider<AwsCredentialsIdentity> clients) {
    this.clients = clients;
  }

  /** {@code providers} with its AWS credentials provider wrapped, or as it is if it has none. */
  static IdentityProviders around(IdentityProviders providers) {
    IdentityProvider<AwsCredentialsIdentity> clients =
        providers.identityProvider(AwsCredentialsIdentity.class);
    if (clients == null || clients instanceof AmbientIdentity) {
      return providers;
    }
    return providers.toBuilder().putIdentityProvider(new AmbientIdentity(clients)).build();
  }

  @Override
  public Class<AwsCredentialsIdentity> identityType() {
    return AwsCredentialsIdentity.class;
  }

  @Override
  public CompletableFuture<? extends AwsCredentialsIdentity> resolveIdentity(
      ResolveIdentityRequest request) {
    if (AwsRequestInFlight.get() == IssuedAwsCredentials.AMBIENT) {
      return clients.resolveIdentity(request); // asked inside beforeExecution (2.23-2.46)
    }
    AwsRequestInFlight.set(IssuedAwsCredentials.AMBIENT);
    try {
      return clients.resolveIdentity(request);
    } finally {
      AwsRequestInFlight.clear();
    }
  }
}
