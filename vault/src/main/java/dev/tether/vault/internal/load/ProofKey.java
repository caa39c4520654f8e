package dev.tether.vault.internal.load;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.pop.SessionProofKey;
import dev.tether.core.pop.WorkloadKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * One simulated workload's Ed25519 key, and its proofs of possession in the format of core's
 * {@code PopProofs} (a compact JWS: typ {@code tether-pop+jwt}, alg EdDSA, the key as a JWK;
 * claims htm, htu, iat, jti, ath), or, once it holds a session proof key, alg HS256 with the
 * same claims. Signed with Bouncy Castle, about 20 times faster than the JDK's
 * Ed25519, so that making tens of thousands of proofs before a measured segment takes a second,
 * not minutes. The Vault checks these proofs as any other: a proof it refuses is an error of the
 * run.
 */
final class ProofKey {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] secret = new byte[Ed25519.SECRET_KEY_SIZE];
  private final byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
  private final String thumbprint;
  private final String header;
  /** After redemption, with a session proof key: HS256 proofs under it. */
  private String sessionHeader;
  private SessionProofKey sessionKey;

  ProofKey(SecureRandom random) {
    Ed25519.generatePrivateKey(random, secret);
    Ed25519.generatePublicKey(secret, 0, publicKey, 0);
    thumbprint = WorkloadKey.thumbprint(publicKey);
    header = B64.encodeToString(JsonWriter.writeUtf8(JsonObject.builder()
        .put("typ", "tether-pop+jwt")
        .put("alg", "EdDSA")
        .put("jwk", JsonObject.builder()
            .put("kty", "OKP")
            .put("crv", "Ed25519")
            .put("x", B64.encodeToString(publicKey))
            .build())
        .build()));
  }

  /**
   * From now on, MAC proofs with the session proof key the Vault handed over at redemption, as
   * the agent does.
   *
   * @param encodedKey base64url, as the redemption's answer carries it
   * @throws IllegalArgumentException if the key is not one ({@link SessionProofKey#decode})
   */
  void useSessionKey(String keyId, String encodedKey) {
    sessionKey = SessionProofKey.decode(keyId, encodedKey); // the agent's checks and messages
    sessionHeader = B64.encodeToString(JsonWriter.writeUtf8(JsonObject.builder()
        .put("typ", "tether-pop+jwt")
        .put("alg", "HS256")
        .put("kid", keyId)
        .build()));
  }

  /** The RFC 7638 thumbprint of the public key, as the Vault binds tasks to it. */
  String thumbprint() {
    return thumbprint;
  }

  /**
   * A proof for one request.
   *
   * @param tokenHash base64url SHA-256 of the token the request presents ({@code
   *     PopProofs.tokenHash})
   */
  String proof(String method, String url, String tokenHash, long issuedAt) {
    byte[] jti = new byte[16];
    ThreadLocalRandom.current().nextBytes(jti); // unique, not secret: a load client's proofs
    String claims = B64.encodeToString(JsonWriter.writeUtf8(JsonObject.builder()
        .put("htm", method)
        .put("htu", url)
        .put("iat", JsonNumber.of(issuedAt))
        .put("jti", B64.encodeToString(jti))
        .put("ath", tokenHash)
        .build()));
    if (sessionKey != null) {
      byte[] signingInput = (sessionHeader + "." + claims).getBytes(StandardCharsets.US_ASCII);
      return sessionHeader + "." + claims + "." + B64.encodeToString(sessionKey.mac(signingInput));
    }
    byte[] signingInput = (header + "." + claims).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(secret, 0, publicKey, 0, signingInput, 0, signingInput.length, signature, 0);
    return header + "." + claims + "." + B64.encodeToString(signature);
  }

  @Override
  public String toString() {
    return "ProofKey[Ed25519, jkt=" + thumbprint
        + (sessionKey == null ? "" : ", session key <redacted>") + "]";
  }
}
