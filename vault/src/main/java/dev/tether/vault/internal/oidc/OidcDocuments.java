package dev.tether.vault.internal.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two documents an OpenID Connect relying party (here, STS) reads from the issuer: the
 * discovery document at {@code /.well-known/openid-configuration} and the key set it names.
 */
public final class OidcDocuments {

  public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<String> issuer;
  private final OidcSigningKeys keys;

  public OidcDocuments(Supplier<String> issuer, OidcSigningKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  public String discovery() {
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
    try {
      return JSON.writeValueAsString(document);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public keys only: {@code JWKSet.toString()} leaves private parts out. */
  public String keySet() {
    return keys.publicKeys().toString();
  }
}
