package dev.tether.vault.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tether.vault.internal.RandomTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Mints the OpenID Connect tokens the Vault presents to STS in {@code AssumeRoleWithWebIdentity}:
 * one per session, for one tool call, with AWS's claims for session tags and source identity, so
 * that the session carries the same tags and SourceIdentity as one made with {@code AssumeRole}.
 * The role's trust policy decides, from the issuer, audience and subject, who may assume it.
 */
public final class WebIdentityTokens {

  /** The audience AWS expects by default for an IAM OIDC identity provider. */
  public static final String STS_AUDIENCE = "sts.amazonaws.com";

  static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
  static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";
  /** Long enough to reach STS once; a token is presented right after it is minted. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final Supplier<String> issuer;
  private final String audience;
  private final OidcSigningKeys keys;
  private final Clock clock;

  /**
   * @param issuer the issuer URL, exactly as registered with IAM (https, no trailing slash); a
   *     supplier, because a Vault on an ephemeral port knows its own URL only once it listens
   * @param audience the client id registered with IAM, usually {@link #STS_AUDIENCE}
   */
  public WebIdentityTokens(
      Supplier<String> issuer, String audience, OidcSigningKeys keys, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.keys = keys;
    this.clock = clock;
  }

  public String issuer() {
    return issuer.get();
  }

  /**
   * A signed token whose subject is {@code tool:<tool>}, with {@code tags} as principal tags and
   * {@code sourceIdentity} as the source identity claim (omitted when null).
   */
  public String mint(String tool, Map<String, String> tags, String sourceIdentity) {
    Instant now = clock.instant();
    Map<String, Object> principalTags = new LinkedHashMap<>();
    tags.forEach((key, value) -> principalTags.put(key, List.of(value)));
    Map<String, Object> awsTags = new LinkedHashMap<>();
    // No transitive_tag_keys: a tool's session is not meant to assume further roles.
    awsTags.put("principal_tags", principalTags);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.get())
            .subject(subject(tool))
            .audience(audience)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .jwtID(RandomTokens.id("wit-"))
            .claim(TAGS_CLAIM, awsTags);
    if (sourceIdentity != null) {
      claims.claim(SOURCE_IDENTITY_CLAIM, sourceIdentity);
    }
    RSAKey key = keys.signingKey();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a web identity token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /** The subject a role's trust policy matches ({@code <issuer host>:sub}). */
  public static String subject(String tool) {
    return "tool:" + tool;
  }
}
