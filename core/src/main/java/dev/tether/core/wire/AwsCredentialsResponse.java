package dev.tether.core.wire;

import java.time.Instant;

/**
 * AWS session credentials the Vault issued. {@link #toString()} redacts the secret access key and
 * the session token; the access key id and issuance id are identifiers and may be logged.
 *
 * @param issuanceId the Vault's id for this issuance, for audit and revocation
 */
public record AwsCredentialsResponse(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    String issuanceId) {

  private static final String TYPE = "AwsCredentialsResponse";

  public AwsCredentialsResponse {
    Required.text(TYPE, "access_key_id", accessKeyId);
    Required.text(TYPE, "secret_access_key", secretAccessKey);
    Required.text(TYPE, "session_token", sessionToken);
    Required.notNull(TYPE, "expiration", expiration);
    Required.text(TYPE, "issuance_id", issuanceId);
  }

  @Override
  public String toString() {
    return "AwsCredentialsResponse[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>, sessionToken=<redacted>, expiration="
        + expiration
        + ", issuanceId="
        + issuanceId
        + "]";
  }
}
