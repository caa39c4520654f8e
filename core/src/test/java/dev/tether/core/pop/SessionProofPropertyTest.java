package dev.tether.core.pop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.replay.UsedOnce;
import dev.tether.core.token.IssuerKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For any method, URL and token, a fresh session-key proof verifies, and no single character of
 * it can be changed without the proof being refused.
 */
class SessionProofPropertyTest {

  private static final long NOW = 1_795_608_000L;
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private static final IssuerKeys KEYS = IssuerKeys.random("test");
  private static final WorkloadKey WORKLOAD = WorkloadKey.generate();
  private static final SessionProofKey KEY =
      new SessionProofKey(KEYS.currentKeyId(),
          KEYS.sessionProofKey(KEYS.currentKeyId(), WORKLOAD.thumbprint()));

  @Property(tries = 200)
  void aFreshProofVerifies(
      @ForAll("methods") String method, @ForAll("urls") String url, @ForAll("tokens") String token)
      throws PopRefused {
    String proof = PopProofs.create(KEY, method, url, token, NOW);

    assertThat(verifier().verify(proof, method, url, token, WORKLOAD.thumbprint(), NOW)
            .thumbprint())
        .isEqualTo(WORKLOAD.thumbprint());
  }

  @Property(tries = 200)
  void anySingleCharacterChangedIsRefused(
      @ForAll("methods") String method,
      @ForAll("urls") String url,
      @ForAll("tokens") String token,
      @ForAll @IntRange(min = 0, max = 1_000_000) int where,
      @ForAll("replacements") char replacement) {
    String proof = PopProofs.create(KEY, method, url, token, NOW);
    int at = where % proof.length();
    Assume.that(proof.charAt(at) != replacement);
    String changed = proof.substring(0, at) + replacement + proof.substring(at + 1);

    // A fresh verifier: the original was never seen, so REPLAYED cannot stand in for the check.
    assertThatThrownBy(
            () -> verifier().verify(changed, method, url, token, WORKLOAD.thumbprint(), NOW))
        .as("proof %s changed at %d to %s", proof, at, replacement)
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason())
                .as(e.getMessage())
                .isIn(PopRefused.Reason.MALFORMED, PopRefused.Reason.BAD_SIGNATURE,
                    PopRefused.Reason.WRONG_KEY));
  }

  @Property(tries = 200)
  void anySingleCharacterOfTheMacChangedIsRefused(
      @ForAll("tokens") String token,
      @ForAll @IntRange(min = 1, max = 43) int fromEnd,
      @ForAll("replacements") char replacement) {
    String url = "http://127.0.0.1:8787/v1/aws/credentials";
    String proof = PopProofs.create(KEY, "POST", url, token, NOW);
    int at = proof.length() - fromEnd; // the MAC is the last 43 characters
    Assume.that(proof.charAt(at) != replacement);
    String changed = proof.substring(0, at) + replacement + proof.substring(at + 1);

    assertThatThrownBy(
            () -> verifier().verify(changed, "POST", url, token, WORKLOAD.thumbprint(), NOW))
        .as("proof %s changed at %d to %s", proof, at, replacement)
        .isInstanceOfSatisfying(PopRefused.class,
            e -> assertThat(e.reason())
                .as(e.getMessage())
                .isIn(PopRefused.Reason.MALFORMED, PopRefused.Reason.BAD_SIGNATURE));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.oneOf(
        Arbitraries.of("GET", "POST", "PUT", "DELETE"),
        Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> urls() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789/:.?&=%-_")
            .ofMinLength(1).ofMaxLength(80).map(path -> "http://127.0.0.1:8787/" + path),
        Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(120));
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(BASE64URL + ".").ofMinLength(1).ofMaxLength(200)
            .map(body -> "tt1." + body),
        Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(200));
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.oneOf(
        Arbitraries.of(BASE64URL.chars().mapToObj(c -> (char) c).toArray(Character[]::new)),
        Arbitraries.of('.', '=', '+', '/', ' ', '\n', '\u0000', '\u00e9', '\u2028'),
        Arbitraries.chars().ascii());
  }

  private static PopVerifier verifier() {
    return new PopVerifier(30, new UsedOnce(1), SignatureCheck.JDK, KEYS::sessionProofKey);
  }

}
