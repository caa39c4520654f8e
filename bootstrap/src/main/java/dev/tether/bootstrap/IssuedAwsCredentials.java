package dev.tether.bootstrap;

/**
 * AWS session credentials handed to one SDK request. The access key id is an identifier and may be
 * logged; the secret and the session token never leave this object except to the SDK's signer.
 */
public final class IssuedAwsCredentials {

  /**
   * The decision "let the client's own (ambient) credentials provider answer": used outside tools
   * for services the configuration lists as ambient.
   */
  public static final IssuedAwsCredentials AMBIENT =
      new IssuedAwsCredentials(null, null, null, Long.MAX_VALUE);

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final long expiresAtEpochMillis;

  public IssuedAwsCredentials(
      String accessKeyId, String secretAccessKey, String sessionToken, long expiresAtEpochMillis) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.expiresAtEpochMillis = expiresAtEpochMillis;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** {@code null} for long-term (ambient) credentials. */
  public String sessionToken() {
    return sessionToken;
  }

  /** {@code Long.MAX_VALUE} when the expiry is unknown (ambient credentials). */
  public long expiresAtEpochMillis() {
    return expiresAtEpochMillis;
  }

  public boolean isAmbient() {
    return this == AMBIENT;
  }

  @Override
  public String toString() {
    if (isAmbient()) {
      return "IssuedAwsCredentials[ambient]";
    }
    return "IssuedAwsCredentials[accessKeyId=" + accessKeyId + ", secret=<redacted>]";
  }
}
