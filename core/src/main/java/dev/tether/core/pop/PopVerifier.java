package dev.tether.core.pop;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.SafeName;
import dev.tether.core.replay.ReplayGuard;
import dev.tether.core.replay.UsedOnce;
import dev.tether.core.token.TokenLayer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The Vault's side: checks a proof against the request it came with and the key the token is
 * bound to, whether the proof is signed with that workload key (EdDSA) or MACed with the session
 * key derived for it (HS256). Refuses, each with its reason: a missing or malformed proof, a bad
 * signature or MAC, a key other than the bound one (a proof made elsewhere), another method or
 * URL, another token, a time outside the allowed window (stale), and a proof seen before
 * (replayed).
 */
public final class PopVerifier {

  private static final int MAX_PROOF = 4096;
  private static final Base64.Encoder CANONICAL = Base64.getUrlEncoder().withoutPadding();

  private final long windowSeconds;
  /** Proof ids seen, until they could no longer pass the time check. */
  private final ReplayGuard seen;
  private final SignatureCheck signatures;
  /** Session proof keys by Vault key id and workload thumbprint; {@code null}: EdDSA only. */
  private final SessionKeys sessionKeys;

  /**
   * Remembers the proofs it has seen in this process (swept once a second).
   *
   * @param windowSeconds how far a proof's time may be from the Vault's, either way
   */
  public PopVerifier(long windowSeconds) {
    this(windowSeconds, new UsedOnce(1));
  }

  /**
   * @param windowSeconds how far a proof's time may be from the Vault's, either way
   * @param seen where proofs seen are remembered: a store shared by every Vault replica that
   *     accepts the same tokens, or a proof refused by one replica passes at another
   */
  public PopVerifier(long windowSeconds, ReplayGuard seen) {
    this(windowSeconds, seen, SignatureCheck.JDK);
  }

  /**
   * As {@link #PopVerifier(long, ReplayGuard)}, checking signatures with {@code signatures}: one
   * that accepts exactly what {@link SignatureCheck#JDK} accepts, faster.
   */
  public PopVerifier(long windowSeconds, ReplayGuard seen, SignatureCheck signatures) {
    this(windowSeconds, seen, signatures, null);
  }

  /**
   * As {@link #PopVerifier(long, ReplayGuard, SignatureCheck)}, also accepting proofs MACed with
   * a {@link SessionProofKey} (alg HS256) for a token bound to a workload key: {@code sessionKeys}
   * derives the key the Vault issued that workload.
   */
  public PopVerifier(
      long windowSeconds, ReplayGuard seen, SignatureCheck signatures, SessionKeys sessionKeys) {
    this.windowSeconds = windowSeconds;
    this.seen = seen;
    this.signatures = signatures;
    this.sessionKeys = sessionKeys;
  }

  /** What a verified proof says: the thumbprint of the key that signed it. */
  public record Verified(String thumbprint) {}

  /**
   * @param expectedThumbprint the key the token is bound to, or {@code null} when the proof itself
   *     introduces the key (redemption binds it)
   */
  public Verified verify(
      String proof,
      String method,
      String url,
      String token,
      String expectedThumbprint,
      long nowEpochSeconds)
      throws PopRefused {
    return verify(proof, method, url, token, expectedThumbprint, nowEpochSeconds, false);
  }

  /**
   * As {@link #verify}, for a request that re-binds the workload key (a re-attestation): only a
   * proof signed with that key (EdDSA) passes, whatever session key the workload holds.
   */
  public Verified verifySigned(
      String proof,
      String method,
      String url,
      String token,
      String expectedThumbprint,
      long nowEpochSeconds)
      throws PopRefused {
    return verify(proof, method, url, token, expectedThumbprint, nowEpochSeconds, true);
  }

  private Verified verify(
      String proof,
      String method,
      String url,
      String token,
      String expectedThumbprint,
      long nowEpochSeconds,
      boolean signatureRequired)
      throws PopRefused {
    if (proof == null || proof.isBlank()) {
      throw new PopRefused(
          PopRefused.Reason.MISSING,
          "no " + PopProofs.HEADER + " header: every request to the Vault must carry a proof"
              + " of possession of the workload key");
    }
    if (proof.length() > MAX_PROOF) {
      throw malformed("the proof is longer than " + MAX_PROOF + " characters");
    }
    String[] parts = proof.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed("the proof must be a compact JWS: header.claims.signature");
    }
    JsonObject header = object(parts[0], "header");
    JsonObject claims = object(parts[1], "claims");
    if (!PopProofs.TYPE.equals(text(header, "typ"))) {
      throw malformed("the proof's header must say typ " + PopProofs.TYPE);
    }
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    String alg = text(header, "alg");
    String thumbprint;
    if ("EdDSA".equals(alg)) {
      thumbprint = signedByKey(header, signingInput, parts[2], expectedThumbprint);
    } else if ("HS256".equals(alg)) {
      // Only a signature can introduce a key (an unbound token) or re-bind one.
      if (signatureRequired || expectedThumbprint == null) {
        throw malformed("this request binds or re-binds the workload key, so its proof must be"
            + " signed with that key (alg EdDSA), not MACed with a session key (HS256)");
      }
      thumbprint = macedWithSessionKey(header, signingInput, parts[2], expectedThumbprint);
    } else {
      throw malformed("the proof's header must say alg EdDSA (signed with the workload key) or"
          + " HS256 (MACed with the session key the Vault issued at redemption), not "
          + clip(alg));
    }
    if (!method.equals(text(claims, "htm")) || !url.equals(text(claims, "htu"))) {
      throw new PopRefused(
          PopRefused.Reason.WRONG_TARGET,
          "the proof is for " + clip(text(claims, "htm")) + " " + clip(text(claims, "htu"))
              + ", not for this request (" + method + " " + url + ")");
    }
    if (!constantTimeEquals(PopProofs.tokenHash(token), String.valueOf(text(claims, "ath")))) {
      throw new PopRefused(
          PopRefused.Reason.WRONG_TOKEN, "the proof was made for another token (its ath differs)");
    }
    long issuedAt = number(claims, "iat");
    if (Math.abs(nowEpochSeconds - issuedAt) > windowSeconds) {
      throw new PopRefused(
          PopRefused.Reason.STALE,
          "the proof was made at " + issuedAt + ", " + (nowEpochSeconds - issuedAt)
              + " s from the Vault's clock (at most " + windowSeconds + " s either way); make a"
              + " fresh proof for each request, and check the workload's clock");
    }
    String jti = text(claims, "jti");
    if (jti == null || jti.length() < 16 || jti.length() > 64) {
      throw malformed("the proof's jti must be a unique id of 16 to 64 characters");
    }
    remember(jti, thumbprint, issuedAt + windowSeconds + 1, nowEpochSeconds);
    return new Verified(thumbprint);
  }

  /** An EdDSA proof: its signature checks with its own key, which must be the bound one. */
  private String signedByKey(
      JsonObject header, byte[] signingInput, String signaturePart, String expectedThumbprint)
      throws PopRefused {
    JsonValue jwk = header.get("jwk");
    if (!(jwk instanceof JsonObject)
        || !"OKP".equals(text((JsonObject) jwk, "kty"))
        || !"Ed25519".equals(text((JsonObject) jwk, "crv"))) {
      throw malformed("the proof's jwk must be an Ed25519 OKP key");
    }
    byte[] rawKey = decode(text((JsonObject) jwk, "x"), "jwk.x");
    if (rawKey.length != 32) {
      throw malformed("the proof's key must be 32 bytes, not " + rawKey.length);
    }
    byte[] signature = decode(signaturePart, "signature");
    if (!signatures.verifies(rawKey, signingInput, signature)) {
      throw new PopRefused(
          PopRefused.Reason.BAD_SIGNATURE, "the proof's signature does not verify with its key");
    }
    String thumbprint = WorkloadKey.thumbprint(rawKey);
    if (expectedThumbprint != null && !constantTimeEquals(thumbprint, expectedThumbprint)) {
      throw new PopRefused(
          PopRefused.Reason.WRONG_KEY,
          "the proof is signed by key " + thumbprint + ", but the token is bound to key "
              + expectedThumbprint + ": it was not made by the workload the token was issued to");
    }
    return thumbprint;
  }

  /**
   * An HS256 proof: its MAC must check under the session key of the workload the token is bound
   * to, so a proof made by any other workload (with its own session key) fails here.
   */
  private String macedWithSessionKey(
      JsonObject header, byte[] signingInput, String macPart, String expectedThumbprint)
      throws PopRefused {
    if (sessionKeys == null) {
      throw malformed("this Vault takes no session-key proofs (alg HS256); sign the proof with the"
          + " workload key (alg EdDSA)");
    }
    String keyId = text(header, "kid");
    if (!TokenLayer.isKeyId(keyId)) {
      throw malformed("an HS256 proof's header must name the Vault key its session key came from"
          + " (kid: " + TokenLayer.KEY_ID_RULE + ")");
    }
    byte[] key = sessionKeys.key(keyId, expectedThumbprint);
    if (key == null) {
      throw new PopRefused(
          PopRefused.Reason.WRONG_KEY,
          "the proof's session key comes from Vault key " + clip(keyId) + ", which this Vault"
              + " does not hold (retired?); redeem a new grant for a new session key");
    }
    byte[] mac = decode(macPart, "MAC");
    if (!MessageDigest.isEqual(SessionProofKey.mac(key, signingInput), mac)) {
      throw new PopRefused(
          PopRefused.Reason.BAD_SIGNATURE,
          "the proof's MAC does not check with the session key of workload key "
              + expectedThumbprint + ", the key the token is bound to: the proof was altered, or"
              + " made by another workload");
    }
    return expectedThumbprint;
  }

  private void remember(String jti, String thumbprint, long until, long now) throws PopRefused {
    if (!seen.firstUse(thumbprint + ":" + jti, until, now)) {
      throw new PopRefused(
          PopRefused.Reason.REPLAYED,
          "proof " + clip(jti) + " was presented before: a proof is good for one request");
    }
  }

  private static JsonObject object(String part, String what) throws PopRefused {
    byte[] json = decode(part, what);
    try {
      JsonValue value = JsonReader.parse(json, 4, MAX_PROOF);
      if (value instanceof JsonObject) {
        return (JsonObject) value;
      }
    } catch (JsonReadException e) {
      throw malformed("the proof's " + what + " is not JSON: " + e.getMessage());
    }
    throw malformed("the proof's " + what + " must be a JSON object");
  }

  private static byte[] decode(String part, String what) throws PopRefused {
    if (part == null) {
      throw malformed("the proof has no " + what);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed("the proof's " + what + " is not base64url");
    }
    // One text per proof: no padding, and no stray bits in the last character.
    if (!CANONICAL.encodeToString(bytes).equals(part)) {
      throw malformed("the proof's " + what + " is not canonical base64url (without padding, as"
          + " it encodes)");
    }
    return bytes;
  }

  private static String text(JsonObject object, String field) {
    JsonValue value = object.get(field);
    return value instanceof JsonString ? ((JsonString) value).value() : null;
  }

  private static long number(JsonObject object, String field) throws PopRefused {
    JsonValue value = object.get(field);
    if (!(value instanceof JsonNumber) || !((JsonNumber) value).isIntegral()
        || ((JsonNumber) value).literal().length() > 12) {
      throw malformed("the proof's " + field + " must be an integer (epoch seconds)");
    }
    return Long.parseLong(((JsonNumber) value).literal());
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  // Values from the proof are the sender's choice: quoted only short and printable.
  private static String clip(String text) {
    return text == null ? "(none)" : SafeName.of(text);
  }

  private static PopRefused malformed(String message) {
    return new PopRefused(PopRefused.Reason.MALFORMED, message);
  }
}
