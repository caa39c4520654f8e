package dev.tether.vault;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * AWS sessions through {@code AssumeRoleWithWebIdentity}: the Vault is an OpenID Connect issuer,
 * signs one short-lived token per session, and holds no AWS credentials of its own. The role's
 * trust policy names the issuer's IAM OIDC provider (docs/aws/README.md).
 *
 * @param issuer the issuer URL as registered with IAM: https, no path, no trailing slash; {@code
 *     null} in local mode means the Vault's own URL (its local STS then trusts it)
 * @param audience the client id registered with the provider; {@code null} means {@value
 *     #DEFAULT_AUDIENCE}
 * @param keyRotation how long one signing key signs; {@code null} means 24 hours
 */
public record WebIdentity(String issuer, String audience, Duration keyRotation) {

  public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";
  public static final Duration DEFAULT_KEY_ROTATION = Duration.ofHours(24);
  /** How long a replaced key stays published: a token's lifetime and a verifier's cache, amply. */
  public static final Duration KEY_RETENTION = Duration.ofHours(1);

  public WebIdentity {
    audience = audience == null ? DEFAULT_AUDIENCE : audience;
    keyRotation = keyRotation == null ? DEFAULT_KEY_ROTATION : keyRotation;
    if (issuer != null) {
      checkIssuer(issuer);
    }
    if (audience.isBlank() || audience.length() > 255) {
      throw new IllegalArgumentException(
          "the OIDC audience must be 1 to 255 characters, e.g. " + DEFAULT_AUDIENCE);
    }
    if (keyRotation.compareTo(Duration.ofMinutes(10)) < 0) {
      throw new IllegalArgumentException(
          "the OIDC key rotation period must be at least 10 minutes, not " + keyRotation
              + "; a token lives 5 minutes and STS must be able to fetch its key");
    }
  }

  /** The issuer of the Vault's own URL, for local mode. */
  public static WebIdentity local() {
    return new WebIdentity(null, null, null);
  }

  private static void checkIssuer(String issuer) {
    URI uri;
    try {
      uri = URI.create(issuer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the OIDC issuer '" + issuer + "' is not a URL; write"
          + " it as registered with IAM, e.g. https://vault.example.com");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    if (!(scheme.equals("https") || (scheme.equals("http") && loopback))
        || uri.getHost() == null || issuer.endsWith("/") || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException("the OIDC issuer '" + issuer + "' must be an https URL"
          + " with no trailing slash, query or fragment (http only on loopback), e.g."
          + " https://vault.example.com: STS fetches <issuer>/.well-known/openid-configuration");
    }
  }
}
