package dev.tether.core.wire;

/**
 * The agent asks the Vault for AWS credentials for one tool call. Everything the Vault needs is in
 * the tool-call token: task, user, repositories, the tool and its scope, and the chain of who
 * delegated to whom, which the Vault verifies before it calls STS. {@link #toString()} redacts the
 * token.
 *
 * @param token a layered token whose last layer is a tool call ({@code tt1....})
 * @param durationSeconds the session length to ask STS for; 0 for the Vault's default
 */
public record AwsCredentialsRequest(String token, int durationSeconds) {

  private static final String TYPE = "AwsCredentialsRequest";

  public AwsCredentialsRequest {
    Required.text(TYPE, "token", token);
  }

  @Override
  public String toString() {
    return "AwsCredentialsRequest[token=<redacted>, durationSeconds=" + durationSeconds + "]";
  }
}
