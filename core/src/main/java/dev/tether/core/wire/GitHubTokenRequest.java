package dev.tether.core.wire;

/**
 * A tool call asks for a GitHub installation token. {@link #toString()} redacts the token.
 *
 * @param token the tool-call token: the GitHub token gets its turn's repositories and the tool's
 *     permissions
 */
public record GitHubTokenRequest(String token) {

  public GitHubTokenRequest {
    Required.text("GitHubTokenRequest", "token", token);
  }

  @Override
  public String toString() {
    return "GitHubTokenRequest[token=<redacted>]";
  }
}
