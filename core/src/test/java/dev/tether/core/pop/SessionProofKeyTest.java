package dev.tether.core.pop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.token.IssuerKeys;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The session proof key as the agent holds it, and as the Vault derives it. */
class SessionProofKeyTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final WorkloadKey workload = WorkloadKey.generate();
  private final WorkloadKey other = WorkloadKey.generate();

  // ---- SessionProofKey ------------------------------------------------------------------------

  @Test
  void aKeyNeedsAKeyIdOfOneToSixtyFourCharacters() {
    for (String bad : new String[] {null, "", "k".repeat(65), "k".repeat(1000)}) {
      assertThatThrownBy(() -> new SessionProofKey(bad, new byte[32]))
          .as("key id %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id of the Vault key")
          .hasMessageContaining("1 to 64");
      assertThatThrownBy(() -> SessionProofKey.decode(bad, B64.encodeToString(new byte[32])))
          .as("key id %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 to 64");
    }
    assertThat(new SessionProofKey("k", new byte[32]).keyId()).isEqualTo("k");
    assertThat(new SessionProofKey("k".repeat(64), new byte[32]).keyId()).hasSize(64);
  }

  @Test
  void aKeyIsExactlyThirtyTwoBytes() {
    for (int length : new int[] {0, 1, 16, 31, 33, 64}) {
      assertThatThrownBy(() -> new SessionProofKey("k1", new byte[length]))
          .as("%d bytes", length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("32 bytes")
          .hasMessageContaining("not " + length + " bytes");
      assertThatThrownBy(() -> SessionProofKey.decode("k1", B64.encodeToString(new byte[length])))
          .as("%d bytes, encoded", length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not " + length + " bytes");
    }
    assertThatThrownBy(() -> new SessionProofKey("k1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> SessionProofKey.decode("k1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void decodeTakesBase64urlOnly() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 0xfb); // encodes with '-' and '_' in base64url, '+' and '/' in base64
    String url = B64.encodeToString(secret);
    String standard = Base64.getEncoder().withoutPadding().encodeToString(secret);
    assertThat(url).containsAnyOf("-", "_");
    assertThat(standard).containsAnyOf("+", "/");

    assertThat(SessionProofKey.decode("k1", url).keyId()).isEqualTo("k1");
    for (String bad : new String[] {standard, url.substring(1) + "!", url + " ", "not base64!",
        url.substring(0, 20) + "." + url.substring(21), url.substring(0, 42) + "\u00e9"}) {
      assertThatThrownBy(() -> SessionProofKey.decode("k1", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not base64url")
          .hasMessageNotContaining(url);
    }
  }

  @Test
  void aDecodedKeyMacsAsTheBytesItWasMadeFrom() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    byte[] data = "header.claims".getBytes(UTF_8);

    assertThat(SessionProofKey.decode("k1", B64.encodeToString(secret)).mac(data))
        .isEqualTo(new SessionProofKey("k1", secret).mac(data))
        .isEqualTo(hmac(secret, data))
        .isEqualTo(SessionProofKey.mac(secret, data));
  }

  @Test
  void toStringNamesTheKeyIdAndNeverTheSecret() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    String url = B64.encodeToString(secret);
    SessionProofKey key = SessionProofKey.decode("k1", url);

    assertThat(key.toString())
        .contains("k1")
        .contains("redacted")
        .doesNotContain(url)
        .doesNotContain(url.substring(0, 16))
        .doesNotContain(Base64.getEncoder().encodeToString(secret).substring(0, 16))
        .doesNotContain(HexFormat.of().formatHex(secret).substring(0, 16))
        .doesNotContain(HexFormat.of().withUpperCase().formatHex(secret).substring(0, 16));
  }

  // ---- IssuerKeys.sessionProofKey -------------------------------------------------------------

  @Test
  void theVaultDerivesThirtyTwoBytesTheSameEachTime() {
    IssuerKeys keys = IssuerKeys.random("test");
    byte[] first = keys.sessionProofKey(keys.currentKeyId(), workload.thumbprint());

    assertThat(first).hasSize(SessionProofKey.BYTES);
    assertThat(keys.sessionProofKey(keys.currentKeyId(), workload.thumbprint())).isEqualTo(first);
    // It is usable as the agent's key as is.
    assertThat(new SessionProofKey(keys.currentKeyId(), first).keyId()).isEqualTo("k1");
  }

  @Test
  void everyReplicaWithTheSameRootsDerivesTheSameKey() {
    IssuerKeys one = new IssuerKeys("vault-a", "k1", Map.of("k1", root(7)));
    IssuerKeys two = new IssuerKeys("vault-b", "k1", Map.of("k1", root(7), "k0", root(6)));

    assertThat(two.sessionProofKey("k1", workload.thumbprint()))
        .isEqualTo(one.sessionProofKey("k1", workload.thumbprint()));
  }

  @Test
  void theKeyIsTheDocumentedTwoStepHmac() {
    // HMAC(HMAC(root, "tether/pop/session"), thumbprint): pinned, since every replica and every
    // Vault version must derive the same key or running sessions break on upgrade.
    byte[] root = root(9);
    IssuerKeys keys = new IssuerKeys("test", "k1", Map.of("k1", root));
    byte[] derivation = hmac(root, "tether/pop/session".getBytes(UTF_8));

    assertThat(keys.sessionProofKey("k1", workload.thumbprint()))
        .isEqualTo(hmac(derivation, workload.thumbprint().getBytes(UTF_8)));
  }

  @Test
  void theKeyDiffersForAnotherWorkload() {
    IssuerKeys keys = IssuerKeys.random("test");

    assertThat(keys.sessionProofKey("k1", other.thumbprint()))
        .isNotEqualTo(keys.sessionProofKey("k1", workload.thumbprint()));
    // Thumbprints one character apart, and a prefix.
    String t = workload.thumbprint();
    String near = t.substring(0, 42) + (t.charAt(42) == 'A' ? 'B' : 'A');
    assertThat(keys.sessionProofKey("k1", near)).isNotEqualTo(keys.sessionProofKey("k1", t));
    assertThat(keys.sessionProofKey("k1", t.substring(0, 42)))
        .isNotEqualTo(keys.sessionProofKey("k1", t));
  }

  @Test
  void theKeyDiffersForAnotherRoot() {
    IssuerKeys a = new IssuerKeys("test", "k1", Map.of("k1", root(1)));
    IssuerKeys b = new IssuerKeys("test", "k1", Map.of("k1", root(2)));
    IssuerKeys random = IssuerKeys.random("test");

    assertThat(b.sessionProofKey("k1", workload.thumbprint()))
        .isNotEqualTo(a.sessionProofKey("k1", workload.thumbprint()));
    assertThat(random.sessionProofKey("k1", workload.thumbprint()))
        .isNotEqualTo(a.sessionProofKey("k1", workload.thumbprint()));
  }

  @Test
  void theKeyDiffersAcrossTheKeyIdsOfOneVault() {
    IssuerKeys keys = new IssuerKeys("test", "k2", Map.of("k1", root(1), "k2", root(2)));

    byte[] k1 = keys.sessionProofKey("k1", workload.thumbprint());
    byte[] k2 = keys.sessionProofKey("k2", workload.thumbprint());
    assertThat(k1).hasSize(32).isNotEqualTo(k2);
    assertThat(k2).hasSize(32);
    // The old key still derives (proofs under it keep verifying until it is retired).
    assertThat(k1).isEqualTo(
        new IssuerKeys("test", "k1", Map.of("k1", root(1))).sessionProofKey("k1",
            workload.thumbprint()));
  }

  @Test
  void anUnknownKeyIdOrAMissingArgumentDerivesNothing() {
    IssuerKeys keys = new IssuerKeys("test", "k1", Map.of("k1", root(1)));

    assertThat(keys.sessionProofKey("k2", workload.thumbprint())).isNull();
    assertThat(keys.sessionProofKey("K1", workload.thumbprint())).isNull();
    assertThat(keys.sessionProofKey("", workload.thumbprint())).isNull();
    assertThat(keys.sessionProofKey(null, workload.thumbprint())).isNull();
    assertThat(keys.sessionProofKey("k1", null)).isNull();
  }

  @Test
  void theKeyIsNoOtherObviousSecret() {
    byte[] root = root(3);
    IssuerKeys keys = new IssuerKeys("test", "k1", Map.of("k1", root));
    byte[] key = keys.sessionProofKey("k1", workload.thumbprint());
    byte[] thumbprint = workload.thumbprint().getBytes(UTF_8);

    assertThat(key)
        .isNotEqualTo(root)
        .isNotEqualTo(Arrays.copyOf(root, 32))
        // Not the derivation key itself, nor a MAC straight under the root (the label matters).
        .isNotEqualTo(hmac(root, "tether/pop/session".getBytes(UTF_8)))
        .isNotEqualTo(hmac(root, thumbprint))
        // Not the keys derived for grants, task tokens or replica records.
        .isNotEqualTo(hmac(root, "tether/tt1/grant".getBytes(UTF_8)))
        .isNotEqualTo(hmac(root, "tether/tt1/task".getBytes(UTF_8)))
        .isNotEqualTo(hmac(root, "tether/replica-record".getBytes(UTF_8)))
        .isNotEqualTo(hmac(hmac(root, "tether/tt1/task".getBytes(UTF_8)), thumbprint))
        .isNotEqualTo(hmac(hmac(root, "tether/tt1/grant".getBytes(UTF_8)), thumbprint))
        // Nor anything public: the thumbprint, the public key.
        .isNotEqualTo(Base64.getUrlDecoder().decode(workload.thumbprint()))
        .isNotEqualTo(Base64.getUrlDecoder().decode(workload.publicKeyX()));
    // A replica tag over the thumbprint is public-ish (stored unencrypted): not the key either.
    String tag = keys.replicaTag(thumbprint);
    assertThat(tag).doesNotContain(B64.encodeToString(key));
  }

  @Test
  void theIssuerKeysNeverShowASessionKey() {
    IssuerKeys keys = new IssuerKeys("test", "k1", Map.of("k1", root(4)));
    String key = B64.encodeToString(keys.sessionProofKey("k1", workload.thumbprint()));
    assertThat(keys.toString()).doesNotContain(key).doesNotContain(key.substring(0, 12));
  }

  private static byte[] root(int seed) {
    byte[] root = new byte[32];
    for (int i = 0; i < root.length; i++) {
      root[i] = (byte) (seed * 31 + i);
    }
    return root;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
