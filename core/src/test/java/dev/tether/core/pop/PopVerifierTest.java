package dev.tether.core.pop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PopVerifierTest {

  private static final String URL = "http://127.0.0.1:8787/v1/aws/credentials";
  private static final String TOKEN = "tt1.some.token";
  private static final long NOW = 1_795_608_000L;

  private final WorkloadKey key = WorkloadKey.generate();
  private final PopVerifier verifier = new PopVerifier(30);

  @Test
  void aFreshProofForThisRequestAndTokenVerifiesOnce() throws PopRefused {
    String proof = PopProofs.create(key, "POST", URL, TOKEN, NOW);

    assertThat(verifier.verify(proof, "POST", URL, TOKEN, key.thumbprint(), NOW + 2).thumbprint())
        .isEqualTo(key.thumbprint());
    assertRefused(proof, URL, TOKEN, key.thumbprint(), NOW + 3, PopRefused.Reason.REPLAYED);
  }

  @Test
  void eachMismatchHasItsOwnReason() {
    WorkloadKey other = WorkloadKey.generate();
    assertRefused(PopProofs.create(other, "POST", URL, TOKEN, NOW), URL, TOKEN, key.thumbprint(), NOW,
        PopRefused.Reason.WRONG_KEY);
    assertRefused(PopProofs.create(key, "POST", URL + "x", TOKEN, NOW), URL, TOKEN, key.thumbprint(),
        NOW, PopRefused.Reason.WRONG_TARGET);
    assertRefused(PopProofs.create(key, "POST", URL, TOKEN + "x", NOW), URL, TOKEN, key.thumbprint(),
        NOW, PopRefused.Reason.WRONG_TOKEN);
    assertRefused(PopProofs.create(key, "POST", URL, TOKEN, NOW - 31), URL, TOKEN, key.thumbprint(),
        NOW, PopRefused.Reason.STALE);
    assertRefused(PopProofs.create(key, "POST", URL, TOKEN, NOW + 31), URL, TOKEN, key.thumbprint(),
        NOW, PopRefused.Reason.STALE);
    assertRefused(null, URL, TOKEN, key.thumbprint(), NOW, PopRefused.Reason.MISSING);
    assertRefused("a.b", URL, TOKEN, key.thumbprint(), NOW, PopRefused.Reason.MALFORMED);
  }

  @Test
  void aChangedClaimOrSignatureIsABadSignature() {
    String proof = PopProofs.create(key, "POST", URL, TOKEN, NOW);
    String[] parts = proof.split("\\.");
    String otherClaims = PopProofs.create(key, "POST", URL, TOKEN, NOW + 1).split("\\.")[1];
    char last = parts[2].charAt(10);
    String flipped =
        parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);

    assertRefused(parts[0] + "." + otherClaims + "." + parts[2], URL, TOKEN, key.thumbprint(), NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    assertRefused(parts[0] + "." + parts[1] + "." + flipped, URL, TOKEN, key.thumbprint(), NOW,
        PopRefused.Reason.BAD_SIGNATURE);
    // A valid signature with a zero byte appended: the JDK 17 provider accepts it, Tether not.
    assertRefused(proof + "A", URL, TOKEN, key.thumbprint(), NOW,
        PopRefused.Reason.BAD_SIGNATURE);
  }

  @Test
  void theSignatureCheckItIsGivenDecides() throws PopRefused {
    String proof = PopProofs.create(key, "POST", URL, TOKEN, NOW);
    String[] parts = proof.split("\\.");
    byte[][] seen = new byte[3][];
    PopVerifier refusing = new PopVerifier(30, new dev.tether.core.replay.UsedOnce(1),
        (rawKey, data, signature) -> {
          seen[0] = rawKey;
          seen[1] = data;
          seen[2] = signature;
          return false;
        });

    assertThatThrownBy(() -> refusing.verify(proof, "POST", URL, TOKEN, key.thumbprint(), NOW))
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason()).isEqualTo(PopRefused.Reason.BAD_SIGNATURE));
    assertThat(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(seen[0]))
        .isEqualTo(key.publicKeyX());
    assertThat(new String(seen[1], java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(parts[0] + "." + parts[1]);
    assertThat(seen[2]).hasSize(64);
    assertThat(new PopVerifier(30, new dev.tether.core.replay.UsedOnce(1), SignatureCheck.JDK)
        .verify(proof, "POST", URL, TOKEN, key.thumbprint(), NOW).thumbprint())
        .isEqualTo(key.thumbprint());
  }

  @Test
  void theKeyNeverShowsItsPrivatePart() {
    assertThat(key.toString()).contains(key.thumbprint()).doesNotContain("PRIVATE");
    assertThat(key.thumbprint()).hasSize(43);
  }

  private void assertRefused(
      String proof, String url, String token, String bound, long now, PopRefused.Reason reason) {
    assertThatThrownBy(() -> verifier.verify(proof, "POST", url, token, bound, now))
        .isInstanceOfSatisfying(
            PopRefused.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }
}
