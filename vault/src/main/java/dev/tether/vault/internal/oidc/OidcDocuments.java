package dev.tether.vault.internal.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two documents an OpenID Connect relying party (here, STS) reads from the issuer: the
 * discovery document at {@code /.well-known/openid-configuration} and the key set it names. Served
 * without authentication: they hold public keys and URLs only.
 */
public final class OidcDocuments {

  public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private final Supplier<String> issuer;
  private final OidcSigningKeys keys;

  public OidcDocuments(Supplier<String> issuer, OidcSigningKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  public Map<String, Object> discovery() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer.get());
    document.put("jwks_uri", issuer.get() + JWKS_PATH);
    document.put("response_types_supported", List.of("id_token"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put(
        "claims_supported",
        List.of(
            "iss", "sub", "aud", "iat", "nbf", "exp", "jti", WebIdentityTokens.TAGS_CLAIM,
            WebIdentityTokens.SOURCE_IDENTITY_CLAIM));
    return document;
  }

  /** The public keys only ({@code toJSONObject()} leaves private parts out by default). */
  public Map<String, Object> keySet() {
    return keys.publicKeys().toJSONObject();
  }
}
