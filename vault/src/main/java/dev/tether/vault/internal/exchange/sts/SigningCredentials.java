package dev.tether.vault.internal.exchange.sts;

import java.util.Objects;

/**
 * The key a request is signed with: an access key id, its secret, and the session token that
 * temporary credentials come with ({@code null} for long-term keys), each trimmed. {@link
 * #toString()} shows the access key id only.
 */
public final class SigningCredentials {

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;

  public SigningCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    // Trimmed, as the AWS SDK's credentials are: a stray newline from a file must not sign.
    this.accessKeyId = requireText(accessKeyId, "access key id");
    this.secretAccessKey = requireText(secretAccessKey, "secret access key");
    this.sessionToken =
        sessionToken == null || sessionToken.isBlank() ? null : sessionToken.trim();
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the Vault's base AWS credentials have no " + what + "; check where they come from");
    }
    return value.trim();
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  String secretAccessKey() {
    return secretAccessKey;
  }

  /** The session token, or {@code null} for long-term credentials. */
  String sessionToken() {
    return sessionToken;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningCredentials
        && accessKeyId.equals(((SigningCredentials) other).accessKeyId)
        && secretAccessKey.equals(((SigningCredentials) other).secretAccessKey)
        && Objects.equals(sessionToken, ((SigningCredentials) other).sessionToken);
  }

  @Override
  public int hashCode() {
    return accessKeyId.hashCode();
  }

  @Override
  public String toString() {
    return "SigningCredentials[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>, sessionToken="
        + (sessionToken == null ? "none" : "<redacted>")
        + "]";
  }
}
