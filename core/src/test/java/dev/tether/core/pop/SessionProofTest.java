package dev.tether.core.pop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.replay.UsedOnce;
import dev.tether.core.token.IssuerKeys;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Proofs MACed with a session proof key (alg HS256): they verify only under the session key of
 * the workload the token is bound to, and every other check (target, token, time, replay) still
 * applies. Each test tries to get a proof accepted that must not be.
 */
class SessionProofTest {

  private static final String URL = "http://127.0.0.1:8787/v1/aws/credentials";
  private static final String TOKEN = "tt1.some.token";
  private static final long NOW = 1_795_608_000L;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final IssuerKeys keys =
      new IssuerKeys("test", "k1", Map.of("k1", root(1), "k2", root(2)));
  private final WorkloadKey victim = WorkloadKey.generate();
  private final WorkloadKey attacker = WorkloadKey.generate();
  private final SessionProofKey victimKey = sessionKey("k1", victim);
  private final SessionProofKey attackerKey = sessionKey("k1", attacker);
  private final PopVerifier verifier = verifier();

  // ---- what must pass -------------------------------------------------------------------------

  @Test
  void aProofMacedWithTheBoundWorkloadsSessionKeyVerifiesOnce() throws PopRefused {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);

    assertThat(verifier.verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW + 2)
            .thumbprint())
        .isEqualTo(victim.thumbprint());
    assertRefused(proof, victim, NOW + 3, PopRefused.Reason.REPLAYED);
  }

  @Test
  void theProofIsAStandardCompactJwsWithAnHmacSha256OverItsSigningInput() {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);
    String[] parts = proof.split("\\.", -1);

    assertThat(parts).hasSize(3);
    assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), UTF_8))
        .isEqualTo("{\"typ\":\"tether-pop+jwt\",\"alg\":\"HS256\",\"kid\":\"k1\"}");
    assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8))
        .contains("\"htm\":\"POST\"")
        .contains("\"iat\":" + NOW)
        .contains("\"ath\":\"" + PopProofs.tokenHash(TOKEN) + "\"");
    // Computed independently of the code under test: any JOSE library can check it.
    assertThat(parts[2])
        .isEqualTo(B64.encodeToString(hmac(
            keys.sessionProofKey("k1", victim.thumbprint()), parts[0] + "." + parts[1])));
    assertThat(parts[2]).hasSize(43); // 32 bytes, unpadded
  }

  @Test
  void aProofUnderAnOlderStillKnownRootKeyVerifies() throws PopRefused {
    String proof = PopProofs.create(sessionKey("k2", victim), "GET", URL, TOKEN, NOW);

    assertThat(verifier.verify(proof, "GET", URL, TOKEN, victim.thumbprint(), NOW).thumbprint())
        .isEqualTo(victim.thumbprint());
  }

  @Test
  void theWindowIsInclusiveAtItsEdges() throws PopRefused {
    assertThat(verifier.verify(PopProofs.create(victimKey, "POST", URL, TOKEN, NOW - 30), "POST",
            URL, TOKEN, victim.thumbprint(), NOW).thumbprint())
        .isEqualTo(victim.thumbprint());
    assertThat(verifier.verify(PopProofs.create(victimKey, "POST", URL, TOKEN, NOW + 30), "POST",
            URL, TOKEN, victim.thumbprint(), NOW).thumbprint())
        .isEqualTo(victim.thumbprint());
  }

  @Test
  void theSecretGivenToTheKeyIsCopiedNotShared() throws PopRefused {
    byte[] secret = keys.sessionProofKey("k1", victim.thumbprint());
    SessionProofKey key = new SessionProofKey("k1", secret);
    Arrays.fill(secret, (byte) 0); // the caller wipes its copy

    assertThat(verifier.verify(PopProofs.create(key, "POST", URL, TOKEN, NOW), "POST", URL, TOKEN,
            victim.thumbprint(), NOW).thumbprint())
        .isEqualTo(victim.thumbprint());
  }

  @Test
  void eachProofHasItsOwnJti() {
    String a = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW).split("\\.")[1];
    String b = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW).split("\\.")[1];
    assertThat(a).isNotEqualTo(b);
  }

  // ---- another workload's key -----------------------------------------------------------------

  @Test
  void aProofMacedWithAnotherWorkloadsSessionKeyIsABadSignature() throws PopRefused {
    String proof = PopProofs.create(attackerKey, "POST", URL, TOKEN, NOW);

    // The attacker's key is a real session key: its proof passes for its own binding...
    assertThat(verifier().verify(proof, "POST", URL, TOKEN, attacker.thumbprint(), NOW)
            .thumbprint())
        .isEqualTo(attacker.thumbprint());
    // ...and not with a token bound to the victim's key.
    assertRefused(proof, victim, NOW, PopRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void anotherWorkloadsKeyUnderAnotherRootKeyIsABadSignatureToo() {
    assertRefused(PopProofs.create(sessionKey("k2", attacker), "POST", URL, TOKEN, NOW), victim,
        NOW, PopRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void theVictimsKeyUnderOneRootDoesNotStandForItsKeyUnderAnother() {
    // MACed with the k1 key, claiming to be under k2: the kid is part of what is MACed, and k2's
    // key for the victim differs.
    String[] parts = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW).split("\\.");
    String header = b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"HS256\",\"kid\":\"k2\"}");
    assertRefused(header + "." + parts[1] + "." + parts[2], victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    // Even re-MACed by hand with the k1 key over the k2 header.
    assertRefused(craft(header, claims("POST", URL, TOKEN, NOW), victimKeyBytes("k1")), victim,
        NOW, PopRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void aMacKeyedWithPublicValuesIsABadSignature() {
    // Algorithm confusion: a verifier that keyed HMAC with the public key (or thumbprint) would
    // accept a proof anyone could make.
    String header = hs256Header("k1");
    String claims = claims("POST", URL, TOKEN, NOW);
    assertRefused(craft(header, claims, Base64.getUrlDecoder().decode(victim.publicKeyX())),
        victim, NOW, PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(craft(header, claims, victim.thumbprint().getBytes(US_ASCII)), victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(craft(header, claims, new byte[32]), victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void theVictimsEdDsaSignatureIsNoHs256Mac() {
    // A signature over the same claims, relabelled HS256: not a MAC under the session key.
    String signed = PopProofs.create(victim, "POST", URL, TOKEN, NOW);
    String[] parts = signed.split("\\.");
    assertRefused(hs256Header("k1") + "." + parts[1] + "." + parts[2], victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
  }

  // ---- altered proofs -------------------------------------------------------------------------

  @Test
  void claimsChangedAfterMacingAreABadSignature() {
    String[] parts = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW).split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);

    String otherUrl = b64(claims.replace(URL, "http://127.0.0.1:8787/v1/github/token"));
    String otherMethod = b64(claims.replace("\"POST\"", "\"GET\""));
    String otherTime = b64(claims.replace(Long.toString(NOW), Long.toString(NOW + 1)));
    assertThat(otherUrl).isNotEqualTo(parts[1]);
    assertThat(otherMethod).isNotEqualTo(parts[1]);
    assertThat(otherTime).isNotEqualTo(parts[1]);

    assertRefused(parts[0] + "." + otherUrl + "." + parts[2], victim, "POST",
        "http://127.0.0.1:8787/v1/github/token", NOW, PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(parts[0] + "." + otherMethod + "." + parts[2], victim, "GET", URL, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(parts[0] + "." + otherTime + "." + parts[2], victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    // Claims of another genuine proof (another jti) under this one's MAC.
    String otherClaims = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW).split("\\.")[1];
    assertRefused(parts[0] + "." + otherClaims + "." + parts[2], victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void aChangedTruncatedExtendedOrEmptyMacIsABadSignature() {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);
    String[] parts = proof.split("\\.");
    byte[] mac = Base64.getUrlDecoder().decode(parts[2]);
    String input = parts[0] + "." + parts[1] + ".";

    byte[] flipped = mac.clone();
    flipped[0] ^= 1;
    assertRefused(input + B64.encodeToString(flipped), victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(input + B64.encodeToString(Arrays.copyOf(mac, 16)), victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(input + B64.encodeToString(Arrays.copyOf(mac, 33)), victim, NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(input, victim, NOW, PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(input + "!!!", victim, NOW, PopRefused.Reason.MALFORMED);
  }

  /**
   * The MAC is 32 bytes, 43 base64url characters: the last one carries 4 bits of MAC and 2 bits a
   * lenient decoder ignores, so without the verifier's canonical check each proof would have 4
   * spellings that verify (and {@code proof + "="} a fifth). One text per proof.
   */
  @Test
  void aMacSpelledDifferentlyIsRefused() {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = proof.charAt(proof.length() - 1);
    String respelled =
        proof.substring(0, proof.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

    assertThat(respelled).isNotEqualTo(proof);
    assertRefused(respelled, victim, NOW, PopRefused.Reason.MALFORMED);
    assertRefused(proof + "=", victim, NOW, PopRefused.Reason.MALFORMED);
  }

  // ---- where HS256 is not taken ---------------------------------------------------------------

  @Test
  void aRequestThatBindsTheKeyRefusesASessionKeyProof() {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);

    assertThatThrownBy(() -> verifier.verify(proof, "POST", URL, TOKEN, null, NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.MALFORMED))
        .hasMessageContaining("EdDSA");
  }

  @Test
  void aRequestThatRebindsTheKeyTakesOnlyASignature() throws PopRefused {
    String maced = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);
    String signed = PopProofs.create(victim, "POST", URL, TOKEN, NOW);

    assertThatThrownBy(
            () -> verifier.verifySigned(maced, "POST", URL, TOKEN, victim.thumbprint(), NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.MALFORMED))
        .hasMessageContaining("re-binds");
    assertThat(verifier.verifySigned(signed, "POST", URL, TOKEN, victim.thumbprint(), NOW)
        .thumbprint()).isEqualTo(victim.thumbprint());
  }

  @Test
  void aVerifierWithoutSessionKeysRefusesASessionKeyProof() {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);
    PopVerifier edDsaOnly = new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK);

    assertThatThrownBy(() -> edDsaOnly.verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.MALFORMED))
        .hasMessageContaining("HS256")
        .hasMessageContaining("EdDSA");
    assertThatThrownBy(() -> new PopVerifier(30)
            .verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.MALFORMED));
  }

  @Test
  void aKidNoRootKeyHasIsTheWrongKey() {
    PopVerifier knowsNone = new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK,
        (keyId, thumbprint) -> null);
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);

    assertThatThrownBy(() -> knowsNone.verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.WRONG_KEY));
    // A retired root key, against the real IssuerKeys.
    SessionProofKey retired = new SessionProofKey("k9", new byte[32]);
    assertRefused(PopProofs.create(retired, "POST", URL, TOKEN, NOW), victim, NOW,
        PopRefused.Reason.WRONG_KEY);
  }

  @Test
  void theSessionKeysAreAskedForTheKidAndTheBoundThumbprintOnly() throws PopRefused {
    String[] asked = new String[2];
    PopVerifier recording = new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK,
        (keyId, thumbprint) -> {
          asked[0] = keyId;
          asked[1] = thumbprint;
          return keys.sessionProofKey(keyId, thumbprint);
        });
    recording.verify(PopProofs.create(sessionKey("k2", victim), "POST", URL, TOKEN, NOW), "POST",
        URL, TOKEN, victim.thumbprint(), NOW);

    assertThat(asked).containsExactly("k2", victim.thumbprint());
  }

  @Test
  void aMissingEmptyOverlongOrNonTextKidIsMalformed() {
    String claims = claims("POST", URL, TOKEN, NOW);
    byte[] key = victimKeyBytes("k1");
    String sixtyFive = "k".repeat(65);

    assertRefused(craft(b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"HS256\"}"), claims, key),
        victim, NOW, PopRefused.Reason.MALFORMED);
    assertRefused(craft(hs256Header(""), claims, key), victim, NOW,
        PopRefused.Reason.MALFORMED);
    assertRefused(craft(hs256Header(sixtyFive), claims, key), victim, NOW,
        PopRefused.Reason.MALFORMED);
    assertRefused(craft(b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"HS256\",\"kid\":1}"), claims,
        key), victim, NOW, PopRefused.Reason.MALFORMED);
    assertRefused(craft(b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"HS256\",\"kid\":null}"),
        claims, key), victim, NOW, PopRefused.Reason.MALFORMED);
    // The longest allowed is looked up, not refused as malformed: 64 characters, unknown here.
    assertRefused(craft(hs256Header("k".repeat(64)), claims, key), victim, NOW,
        PopRefused.Reason.WRONG_KEY);
  }

  @Test
  void anOverlongKidIsRefusedBeforeTheSessionKeysAreAsked() {
    boolean[] asked = {false};
    PopVerifier recording = new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK,
        (keyId, thumbprint) -> {
          asked[0] = true;
          return null;
        });
    String proof =
        craft(hs256Header("k".repeat(65)), claims("POST", URL, TOKEN, NOW), victimKeyBytes("k1"));

    assertThatThrownBy(() -> recording.verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.MALFORMED));
    assertThat(asked[0]).isFalse();
  }

  @Test
  void anyOtherAlgIsMalformed() {
    String claims = claims("POST", URL, TOKEN, NOW);
    byte[] key = victimKeyBytes("k1");
    for (String alg : new String[] {"none", "HS512", "HS384", "hs256", "HS256 ", "RS256", ""}) {
      String header =
          b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"" + alg + "\",\"kid\":\"k1\"}");
      assertRefused(craft(header, claims, key), victim, NOW, PopRefused.Reason.MALFORMED);
    }
    // alg none with no signature at all, the classic form.
    String none = b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"none\",\"kid\":\"k1\"}");
    assertRefused(none + "." + b64(claims) + ".", victim, NOW, PopRefused.Reason.MALFORMED);
    assertRefused(none + "." + b64(claims) + ".", null, NOW, PopRefused.Reason.MALFORMED);
    // alg missing, or not a string.
    assertRefused(craft(b64("{\"typ\":\"tether-pop+jwt\",\"kid\":\"k1\"}"), claims, key), victim,
        NOW, PopRefused.Reason.MALFORMED);
    assertRefused(craft(b64("{\"typ\":\"tether-pop+jwt\",\"alg\":[\"HS256\"],\"kid\":\"k1\"}"),
        claims, key), victim, NOW, PopRefused.Reason.MALFORMED);
  }

  @Test
  void anHs256ProofWithTheWrongTypIsMalformed() {
    String claims = claims("POST", URL, TOKEN, NOW);
    byte[] key = victimKeyBytes("k1");
    assertRefused(craft(b64("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k1\"}"), claims, key),
        victim, NOW, PopRefused.Reason.MALFORMED);
    assertRefused(craft(b64("{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\",\"kid\":\"k1\"}"), claims,
        key), victim, NOW, PopRefused.Reason.MALFORMED);
    // The same header, correctly typed: the crafting itself is sound.
    assertThat(verifies(craft(hs256Header("k1"), claims, key), victim)).isTrue();
  }

  // ---- the checks after the MAC ---------------------------------------------------------------

  @Test
  void theSameProofTwiceIsReplayed() throws PopRefused {
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);

    verifier.verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW);
    assertRefused(proof, victim, NOW + 1, PopRefused.Reason.REPLAYED);
    assertRefused(proof, victim, NOW + 29, PopRefused.Reason.REPLAYED);
  }

  @Test
  void aReplayedJtiIsCaughtAcrossRootKeysOfOneWorkload() throws PopRefused {
    // The same jti in a fresh HS256 proof made by hand, after the original was accepted.
    String proof = PopProofs.create(victimKey, "POST", URL, TOKEN, NOW);
    verifier.verify(proof, "POST", URL, TOKEN, victim.thumbprint(), NOW);
    String claims = new String(Base64.getUrlDecoder().decode(proof.split("\\.")[1]), UTF_8);
    String sameJti = craft(hs256Header("k2"), claims, victimKeyBytes("k2"));

    assertRefused(sameJti, victim, NOW + 1, PopRefused.Reason.REPLAYED);
  }

  @Test
  void aStaleOrFutureProofIsStale() {
    assertRefused(PopProofs.create(victimKey, "POST", URL, TOKEN, NOW - 31), victim, NOW,
        PopRefused.Reason.STALE);
    assertRefused(PopProofs.create(victimKey, "POST", URL, TOKEN, NOW + 31), victim, NOW,
        PopRefused.Reason.STALE);
    assertRefused(PopProofs.create(victimKey, "POST", URL, TOKEN, NOW - 86_400), victim, NOW,
        PopRefused.Reason.STALE);
  }

  @Test
  void anotherMethodOrUrlIsTheWrongTarget() {
    assertRefused(PopProofs.create(victimKey, "GET", URL, TOKEN, NOW), victim, NOW,
        PopRefused.Reason.WRONG_TARGET);
    assertRefused(PopProofs.create(victimKey, "post", URL, TOKEN, NOW), victim, NOW,
        PopRefused.Reason.WRONG_TARGET);
    assertRefused(PopProofs.create(victimKey, "POST", URL + "x", TOKEN, NOW), victim, NOW,
        PopRefused.Reason.WRONG_TARGET);
    assertRefused(PopProofs.create(victimKey, "POST", "http://127.0.0.1:8788/v1/aws/credentials",
        TOKEN, NOW), victim, NOW, PopRefused.Reason.WRONG_TARGET);
  }

  @Test
  void anotherTokenIsTheWrongToken() {
    assertRefused(PopProofs.create(victimKey, "POST", URL, TOKEN + "x", NOW), victim, NOW,
        PopRefused.Reason.WRONG_TOKEN);
    assertRefused(PopProofs.create(victimKey, "POST", URL, "tt1.another.token", NOW), victim, NOW,
        PopRefused.Reason.WRONG_TOKEN);
  }

  // ---- EdDSA, unchanged -----------------------------------------------------------------------

  @Test
  void signedProofsStillVerifyWithSessionKeysConfigured() throws PopRefused {
    String bound = PopProofs.create(victim, "POST", URL, TOKEN, NOW);
    String redemption = PopProofs.create(victim, "POST", URL, TOKEN, NOW);

    assertThat(verifier.verify(bound, "POST", URL, TOKEN, victim.thumbprint(), NOW).thumbprint())
        .isEqualTo(victim.thumbprint());
    assertThat(verifier.verify(redemption, "POST", URL, TOKEN, null, NOW).thumbprint())
        .isEqualTo(victim.thumbprint());
    assertRefused(bound, victim, NOW, PopRefused.Reason.REPLAYED);
    assertRefused(PopProofs.create(attacker, "POST", URL, TOKEN, NOW), victim, NOW,
        PopRefused.Reason.WRONG_KEY);
    assertRefused(PopProofs.create(victim, "GET", URL, TOKEN, NOW), victim, NOW,
        PopRefused.Reason.WRONG_TARGET);
    assertRefused(PopProofs.create(victim, "POST", URL, TOKEN, NOW - 31), victim, NOW,
        PopRefused.Reason.STALE);
  }

  @Test
  void anEdDsaHeaderCannotBorrowAKidToSkipItsSignature() {
    // A signed-proof header that also names a kid, carrying a session-key MAC: it is checked as
    // what its alg says (EdDSA), so the MAC is no signature.
    String header = b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"EdDSA\",\"kid\":\"k1\",\"jwk\":"
        + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + victim.publicKeyX() + "\"}}");
    assertRefused(craft(header, claims("POST", URL, TOKEN, NOW), victimKeyBytes("k1")), victim,
        NOW, PopRefused.Reason.BAD_SIGNATURE);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private PopVerifier verifier() {
    return new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK, keys::sessionProofKey);
  }

  private SessionProofKey sessionKey(String keyId, WorkloadKey workload) {
    return new SessionProofKey(keyId, keys.sessionProofKey(keyId, workload.thumbprint()));
  }

  private byte[] victimKeyBytes(String keyId) {
    return keys.sessionProofKey(keyId, victim.thumbprint());
  }

  private static byte[] root(int seed) {
    byte[] root = new byte[32];
    Arrays.fill(root, (byte) seed);
    return root;
  }

  private static String hs256Header(String kid) {
    return b64("{\"typ\":\"tether-pop+jwt\",\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}");
  }

  private static String claims(String method, String url, String token, long iat) {
    byte[] jti = new byte[16];
    new java.security.SecureRandom().nextBytes(jti);
    return "{\"htm\":\"" + method + "\",\"htu\":\"" + url + "\",\"iat\":" + iat + ",\"jti\":\""
        + B64.encodeToString(jti) + "\",\"ath\":\"" + PopProofs.tokenHash(token) + "\"}";
  }

  /** header (base64url already) . base64url(claims JSON) . base64url(HMAC-SHA256 under key). */
  private static String craft(String header, String claimsJson, byte[] key) {
    String input = header + "." + b64(claimsJson);
    return input + "." + B64.encodeToString(hmac(key, input));
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(UTF_8));
  }

  private static byte[] hmac(byte[] key, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private boolean verifies(String proof, WorkloadKey bound) {
    try {
      verifier().verify(proof, "POST", URL, TOKEN, bound.thumbprint(), NOW);
      return true;
    } catch (PopRefused e) {
      return false;
    }
  }

  private void assertRefused(String proof, WorkloadKey bound, long now, PopRefused.Reason reason) {
    assertRefused(proof, bound, "POST", URL, now, reason);
  }

  private void assertRefused(String proof, WorkloadKey bound, String method, String url, long now,
      PopRefused.Reason reason) {
    String thumbprint = bound == null ? null : bound.thumbprint();
    assertThatThrownBy(() -> verifier.verify(proof, method, url, TOKEN, thumbprint, now))
        .isInstanceOfSatisfying(
            PopRefused.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }
}
