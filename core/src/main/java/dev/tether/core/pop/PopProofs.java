package dev.tether.core.pop;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proofs of possession in the manner of DPoP (RFC 9449): a compact JWS over the request's method
 * and URL, the time, a unique id and the hash of the token it accompanies, sent as the {@value
 * #HEADER} header on every request to the Vault. Signed with the workload key (Ed25519) until the
 * Vault hands the workload a {@link SessionProofKey} at redemption, then MACed with that key: the
 * same claims, checked for a fraction of the cost (RFC 7800 allows either kind of key).
 */
public final class PopProofs {

  public static final String HEADER = "Tether-PoP";
  static final String TYPE = "tether-pop+jwt";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PopProofs() {}

  /**
   * A proof signed with the workload key (alg EdDSA, the key as a JWK): what redemption needs, and
   * every request before the Vault has handed over a {@link SessionProofKey}.
   *
   * @param url the request's full URL, e.g. {@code http://127.0.0.1:8787/v1/aws/credentials}
   * @param token the token the request presents (the grant, or a tool-call token)
   */
  public static String create(
      WorkloadKey key, String method, String url, String token, long nowEpochSeconds) {
    JsonObject header =
        JsonObject.builder()
            .put("typ", TYPE)
            .put("alg", "EdDSA")
            .put(
                "jwk",
                JsonObject.builder()
                    .put("kty", "OKP")
                    .put("crv", "Ed25519")
                    .put("x", key.publicKeyX())
                    .build())
            .build();
    String signingInput = signingInput(header, method, url, token, nowEpochSeconds);
    byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(signature);
  }

  /**
   * A proof MACed with the session key the Vault issued at redemption (alg HS256, {@code kid} the
   * Vault key it was derived from). The same claims as a signed proof; the Vault accepts it only
   * with a token bound to the workload key the session key was derived for.
   */
  public static String create(
      SessionProofKey key, String method, String url, String token, long nowEpochSeconds) {
    JsonObject header =
        JsonObject.builder().put("typ", TYPE).put("alg", "HS256").put("kid", key.keyId()).build();
    String signingInput = signingInput(header, method, url, token, nowEpochSeconds);
    byte[] mac = key.mac(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(mac);
  }

  private static String signingInput(
      JsonObject header, String method, String url, String token, long nowEpochSeconds) {
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    JsonObject claims =
        JsonObject.builder()
            .put("htm", method)
            .put("htu", url)
            .put("iat", JsonNumber.of(nowEpochSeconds))
            .put("jti", B64.encodeToString(jti))
            .put("ath", tokenHash(token))
            .build();
    return B64.encodeToString(JsonWriter.writeUtf8(header))
        + "."
        + B64.encodeToString(JsonWriter.writeUtf8(claims));
  }

  /** base64url(SHA-256(token)): what a proof's {@code ath} must be for the token presented. */
  public static String tokenHash(String token) {
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
