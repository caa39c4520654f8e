package dev.tether.core.wire;

/**
 * A tool call asks for a single-use token for an external API. {@link #toString()} redacts the
 * tool-call token.
 *
 * @param token the tool-call token the API token is for
 * @param audience the API the token is for (its host, e.g. {@code api.github.com}); the resource
 *     server checks it at introspection
 */
public record ApiTokenRequest(String token, String audience) {

  private static final String TYPE = "ApiTokenRequest";

  public ApiTokenRequest {
    Required.text(TYPE, "token", token);
    Required.text(TYPE, "audience", audience);
    if (audience.length() > 253 || !audience.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
      throw new IllegalArgumentException(
          "ApiTokenRequest field 'audience' must be a host name (and port), e.g. api.example.com");
    }
  }

  @Override
  public String toString() {
    return "ApiTokenRequest[token=<redacted>, audience=" + audience + "]";
  }
}
