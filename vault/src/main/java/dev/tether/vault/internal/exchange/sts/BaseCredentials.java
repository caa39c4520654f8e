package dev.tether.vault.internal.exchange.sts;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The Vault's own AWS credentials, asked of their provider at every call: providers cache and
 * refresh them (an instance role's rotate hourly), so the key that signs is always the current
 * one.
 */
public final class BaseCredentials implements AutoCloseable {

  private final AwsCredentialsProvider provider;

  public BaseCredentials(AwsCredentialsProvider provider) {
    this.provider = provider;
  }

  /** @throws StsUnavailableException (no base credentials) saying why, from the provider */
  public SigningCredentials resolve() throws StsUnavailableException {
    AwsCredentials credentials;
    try {
      credentials = provider.resolveCredentials();
    } catch (RuntimeException e) {
      throw new StsUnavailableException(
          StsUnavailableException.Reason.NO_BASE_CREDENTIALS, e.getMessage(), e);
    }
    if (credentials == null) {
      throw new StsUnavailableException(
          StsUnavailableException.Reason.NO_BASE_CREDENTIALS,
          provider.getClass().getSimpleName() + " returned no credentials",
          null);
    }
    String token =
        credentials instanceof AwsSessionCredentialsIdentity
            ? ((AwsSessionCredentialsIdentity) credentials).sessionToken()
            : null;
    try {
      return new SigningCredentials(
          credentials.accessKeyId(), credentials.secretAccessKey(), token);
    } catch (IllegalArgumentException e) {
      throw new StsUnavailableException(
          StsUnavailableException.Reason.NO_BASE_CREDENTIALS, e.getMessage(), e);
    }
  }

  /** Closes the provider if it holds resources (a refreshing provider's thread). */
  @Override
  public void close() {
    if (provider instanceof SdkAutoCloseable) {
      ((SdkAutoCloseable) provider).close();
    }
  }
}
