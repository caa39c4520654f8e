package dev.tether.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags on records the Vault's replicas share through a store trusted with no secret. */
class ReplicaTagTest {

  private static final byte[] RECORD =
      "kid-1\n1764158400\n{\"kty\":\"RSA\"}".getBytes(StandardCharsets.UTF_8);

  private final byte[] rootOne = random();
  private final byte[] rootTwo = random();
  private final IssuerKeys replicaA = new IssuerKeys("tether-vault", "k1", Map.of("k1", rootOne));
  private final IssuerKeys replicaB = new IssuerKeys("tether-vault", "k1", Map.of("k1", rootOne));

  @Test
  void aReplicaWithTheSameRootKeysAcceptsTheTagAndNothingElseDoes() {
    String tag = replicaA.replicaTag(RECORD);

    assertThat(tag).startsWith("k1.");
    assertThat(replicaB.replicaTagMatches(tag, RECORD)).isTrue();
    assertThat(IssuerKeys.random("tether-vault").replicaTagMatches(tag, RECORD)).isFalse();
  }

  @Test
  void aChangedRecordOrTagIsRefused() {
    String tag = replicaA.replicaTag(RECORD);
    byte[] changed = RECORD.clone();
    changed[changed.length - 2] ^= 1;

    assertThat(replicaB.replicaTagMatches(tag, changed)).isFalse();
    char[] flipped = tag.toCharArray();
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A'; // a whole data character, not the padding bits
    assertThat(replicaB.replicaTagMatches(new String(flipped), RECORD)).isFalse();
    for (String malformed : new String[] {null, "", "k1", "k1.", ".abc", "k2." + tag.substring(3),
        "k1.not base64!"}) {
      assertThat(replicaB.replicaTagMatches(malformed, RECORD)).as(malformed).isFalse();
    }
  }

  @Test
  void aTagUnderAReplacedRootKeyStillMatchesWhileThatKeyIsKnown() {
    String old = replicaA.replicaTag(RECORD);
    IssuerKeys rotated = new IssuerKeys("tether-vault", "k2", Map.of("k1", rootOne, "k2", rootTwo));

    assertThat(rotated.replicaTagMatches(old, RECORD)).isTrue();
    assertThat(rotated.replicaTag(RECORD)).startsWith("k2.");
    assertThat(new IssuerKeys("tether-vault", "k2", Map.of("k2", rootTwo))
        .replicaTagMatches(old, RECORD)).isFalse();
  }

  @Test
  void theTagIsNotTheTokenMacUnderTheSameRoot() {
    // derived for its own use: a replica tag never doubles as a grant's or a task token's
    String tag = replicaA.replicaTag(RECORD);
    byte[] grantStyle = TokenMac.mac(replicaA.grantKey("k1"), RECORD);
    byte[] taskStyle = TokenMac.mac(replicaA.taskKey("k1"), RECORD);
    byte[] presented = java.util.Base64.getUrlDecoder().decode(tag.substring(3));

    assertThat(presented).isNotEqualTo(grantStyle).isNotEqualTo(taskStyle);
  }

  private static byte[] random() {
    byte[] root = new byte[32];
    new SecureRandom().nextBytes(root);
    return root;
  }
}
