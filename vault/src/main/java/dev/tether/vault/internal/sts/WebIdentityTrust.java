package dev.tether.vault.internal.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local STS's OpenID Connect identity provider, as IAM holds one: an issuer URL and the
 * audiences it accepts. A web identity token is checked the way STS documents it: the issuer is a
 * registered one; the signature verifies with a key from the key set the issuer's discovery
 * document names (fetched over HTTP, kept, fetched again when a token names a key it lacks, which
 * is how a rotation reaches it); the audience is a registered one; the token is within its
 * lifetime. Only RS256 is accepted.
 */
final class WebIdentityTrust {

  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String issuer;
  private final List<String> audiences;
  private final Clock clock;
  private final Duration skew;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  private JWKSet keys = new JWKSet();

  /** What a verified token says about the session. */
  record Identity(
      String subject, String audience, Map<String, String> principalTags, String sourceIdentity) {}

  WebIdentityTrust(String issuer, List<String> audiences, Clock clock, Duration skew) {
    this.issuer = issuer;
    this.audiences = List.copyOf(audiences);
    this.clock = clock;
    this.skew = skew;
  }

  /** The provider's ARN, as STS reports it in {@code Provider}: the issuer without its scheme. */
  String provider() {
    return issuer.replaceFirst("^https?://", "");
  }

  Identity verify(String token) throws StsFault {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("the web identity token is not a signed JWT (" + e.getMessage() + ")");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw invalid("the token's algorithm " + jwt.getHeader().getAlgorithm()
          + " is not supported; sign with RS256");
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw invalid("No OpenIDConnect provider found in your account for "
          + printable(claims.getIssuer()));
    }
    RSAKey key = key(jwt.getHeader().getKeyID());
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw invalid("the token's signature does not verify with key "
            + key.getKeyID() + " of " + issuer);
      }
    } catch (JOSEException e) {
      throw invalid("the token's signature cannot be checked: " + e.getMessage());
    }
    String audience = null;
    for (String candidate : claims.getAudience()) {
      if (audiences.contains(candidate)) {
        audience = candidate;
      }
    }
    if (audience == null) {
      throw invalid("Incorrect token audience " + claims.getAudience()
          + "; this provider accepts " + audiences);
    }
    Instant now = clock.instant();
    Date expires = claims.getExpirationTime();
    if (expires == null) {
      throw invalid("the token has no exp claim");
    }
    if (now.isAfter(expires.toInstant().plus(skew))) {
      throw new StsFault(400, "ExpiredTokenException",
          "Token expired: current date/time " + now + " must be before the expiration date/time "
              + expires.toInstant());
    }
    Date notBefore = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : claims.getIssueTime();
    if (notBefore != null && notBefore.toInstant().isAfter(now.plus(skew))) {
      throw invalid("the token is not valid before " + notBefore.toInstant() + " (now " + now + ")");
    }
    try {
      return new Identity(
          claims.getSubject(),
          audience,
          principalTags(claims.getJSONObjectClaim("https://aws.amazon.com/tags")),
          claims.getStringClaim("https://aws.amazon.com/source_identity"));
    } catch (ParseException | ClassCastException e) {
      throw invalid("the token's AWS claims are malformed: " + e.getMessage());
    }
  }

  private static Map<String, String> principalTags(Map<String, Object> awsTags) throws StsFault {
    Map<String, String> tags = new LinkedHashMap<>();
    if (awsTags == null) {
      return tags;
    }
    Object principal = awsTags.get("principal_tags");
    if (!(principal instanceof Map)) {
      throw invalid("the tags claim has no principal_tags object");
    }
    for (Map.Entry<?, ?> tag : ((Map<?, ?>) principal).entrySet()) {
      Object values = tag.getValue();
      if (!(values instanceof List) || ((List<?>) values).size() != 1
          || !(((List<?>) values).get(0) instanceof String)) {
        throw invalid("principal tag " + printable(String.valueOf(tag.getKey()))
            + " must be an array of exactly one string");
      }
      tags.put(String.valueOf(tag.getKey()), (String) ((List<?>) values).get(0));
    }
    return tags;
  }

  private synchronized RSAKey key(String keyId) throws StsFault {
    if (keyId == null) {
      throw invalid("the token's header names no key (kid)");
    }
    JWK key = keys.getKeyByKeyId(keyId);
    if (key == null) {
      keys = fetchKeys(); // a key it lacks: the issuer may have rotated
      key = keys.getKeyByKeyId(keyId);
    }
    if (!(key instanceof RSAKey)) {
      throw invalid("the issuer " + issuer + " publishes no RSA key " + printable(keyId));
    }
    return (RSAKey) key;
  }

  private JWKSet fetchKeys() throws StsFault {
    JsonNode discovery = fetchJson(URI.create(issuer + "/.well-known/openid-configuration"));
    if (!issuer.equals(discovery.path("issuer").asText())) {
      throw communication("the discovery document names issuer "
          + printable(discovery.path("issuer").asText()) + ", not " + issuer);
    }
    String jwksUri = discovery.path("jwks_uri").asText("");
    if (jwksUri.isEmpty()) {
      throw communication("the discovery document of " + issuer + " has no jwks_uri");
    }
    try {
      return JWKSet.parse(fetchJson(URI.create(jwksUri)).toString());
    } catch (ParseException | IllegalArgumentException e) {
      throw communication("the key set at " + jwksUri + " is malformed: " + e.getMessage());
    }
  }

  private JsonNode fetchJson(URI uri) throws StsFault {
    try {
      HttpResponse<String> answer =
          http.send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw communication("GET " + uri + " answered HTTP " + answer.statusCode());
      }
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw communication("GET " + uri + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw communication("interrupted while fetching " + uri);
    }
  }

  private static StsFault invalid(String message) {
    return new StsFault(400, "InvalidIdentityToken", message);
  }

  private static StsFault communication(String message) {
    return new StsFault(400, "IDPCommunicationError", message);
  }

  private static String printable(String value) {
    return value == null ? "(none)" : FormBody.printable(value);
  }
}
