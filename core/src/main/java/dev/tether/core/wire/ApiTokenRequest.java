package dev.tether.core.wire;

import java.util.regex.Pattern;

/**
 * A tool call asks for a single-use token for an external API. {@link #toString()} redacts the
 * tool-call token.
 *
 * @param token the tool-call token the API token is for
 * @param audience the API the token is for (its host, e.g. {@code api.github.com}); the resource
 *     server checks it at introspection
 * @param mode {@code single-use} (accepted once; the default when {@code null}) or {@code
 *     time-boxed} (accepted until it expires, with the tool call's token, 60 s at most)
 */
public record ApiTokenRequest(String token, String audience, String mode) {

  public static final String SINGLE_USE = "single-use";
  public static final String TIME_BOXED = "time-boxed";

  /** A single-use token for {@code audience}. */
  public ApiTokenRequest(String token, String audience) {
    this(token, audience, SINGLE_USE);
  }

  private static final String TYPE = "ApiTokenRequest";
  private static final Pattern AUDIENCE = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  public ApiTokenRequest {
    Required.text(TYPE, "token", token);
    Required.text(TYPE, "audience", audience);
    if (audience.length() > 253 || !AUDIENCE.matcher(audience).matches()) {
      throw new IllegalArgumentException(
          "ApiTokenRequest field 'audience' must be a host name (and port), e.g. api.example.com");
    }
    mode = mode == null ? SINGLE_USE : mode;
    if (!mode.equals(SINGLE_USE) && !mode.equals(TIME_BOXED)) {
      throw new IllegalArgumentException(
          "ApiTokenRequest field 'mode' must be single-use or time-boxed");
    }
  }

  @Override
  public String toString() {
    return "ApiTokenRequest[token=<redacted>, audience=" + audience + ", mode=" + mode + "]";
  }
}
