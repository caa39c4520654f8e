package dev.tether.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shapes of what the local STS issues, and that every character is equally likely. */
class RandomTokensTest {

  @Test
  void accessKeyIdsAndSecretsHaveAwsShapes() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(RandomTokens.accessKeyId("ASIA")).matches("ASIA[A-Z0-9]{16}");
      assertThat(RandomTokens.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    }
  }

  /**
   * 256 is not a multiple of 36: a byte taken modulo 36 would make A to D one seventh likelier than
   * the rest, which a chi-square over 320,000 characters shows at once (it would be in the
   * thousands; uniform draws give about 35, and 100 is exceeded with odds under one in a million).
   */
  @Test
  void accessKeyIdCharactersAreUniform() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    long[] counts = new long[alphabet.length()];
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      String id = RandomTokens.accessKeyId("");
      for (int c = 0; c < id.length(); c++) {
        counts[alphabet.indexOf(id.charAt(c))]++;
      }
    }
    double expected = draws * 16.0 / alphabet.length();
    double chiSquare = 0;
    for (long count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    assertThat(chiSquare).as("chi-square, 35 degrees of freedom").isLessThan(100);
  }
}
