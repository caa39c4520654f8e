package dev.tether.vault.internal.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.pop.SignatureCheck;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * {@link FastEd25519} decides as the JDK's Ed25519 does for every honest signature and every
 * signature made without the key (tampered, another key's, a torsion variant of an honest one),
 * and for keys of small order (the JDK accepts what they "sign"). Where it does not, a signature
 * that only the key's holder can make (R with a component of small order), it decides as Bouncy
 * Castle does.
 */
class FastEd25519Test {

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L = BigInteger.TWO.pow(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));

  private final SecureRandom random = new SecureRandom();
  private final FastEd25519 fast = new FastEd25519();

  @Test
  void acceptsHonestSignaturesAndRefusesTamperedOnesAsTheJdkDoes() {
    for (int i = 0; i < 50; i++) {
      Signer signer = new Signer();
      byte[] message = ("proof " + i).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = signer.sign(message);
      assertSameDecision(signer.publicKey, message, signature, true);
      assertSameDecision(signer.publicKey, "another".getBytes(StandardCharsets.US_ASCII),
          signature, false);
      for (int bit : new int[] {0, 9, 255, 256, 300, 511}) {
        byte[] flipped = signature.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertSameDecision(signer.publicKey, message, flipped, false);
      }
      byte[] otherKey = new Signer().publicKey;
      assertSameDecision(otherKey, message, signature, false);
    }
  }

  @Test
  void refusesSignaturesOfTheWrongLengthAndScalarsNotReduced() {
    Signer signer = new Signer();
    byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
    byte[] signature = signer.sign(message);
    assertSameDecision(signer.publicKey, message, Arrays.copyOf(signature, 63), false);
    assertSameDecision(signer.publicKey, message, Arrays.copyOf(signature, 65), false);
    // S + L: the same point, an unreduced scalar; both refuse (RFC 8032: S < L).
    byte[] unreduced = signature.clone();
    BigInteger s = littleEndian(Arrays.copyOfRange(signature, 32, 64)).add(L);
    System.arraycopy(encode(s), 0, unreduced, 32, 32);
    assertSameDecision(signer.publicKey, message, unreduced, false);
    assertSameDecision(new byte[31], message, signature, false);
  }

  @Test
  void decidesLikeTheJdkForKeysOfSmallOrder() {
    byte[] identity = new byte[32];
    identity[0] = 1; // y = 1: the neutral point, order 1
    byte[] trivial = new byte[64];
    trivial[0] = 1; // R = neutral, S = 0: [0]B = R + [k]A for every message
    byte[] message = "anything".getBytes(StandardCharsets.US_ASCII);
    boolean jdk = SignatureCheck.JDK.verifies(identity, message, trivial);
    assertThat(Ed25519.verify(trivial, 0, identity, 0, message, 0, message.length))
        .as("Bouncy Castle refuses keys of small order").isFalse();
    assertThat(fast.verifies(identity, message, trivial)).isEqualTo(jdk);
  }

  @Test
  void aTorsionVariantOfAnHonestSignatureIsRefused() {
    for (int i = 0; i < 40; i++) {
      Signer signer = new Signer();
      byte[] message = ("variant " + i).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = signer.sign(message);
      // What someone holding the proof but not the key can make of it: R moved by the point of
      // order two, S kept (k hashes R, so S no longer fits).
      byte[] variant = signature.clone();
      System.arraycopy(plusOrderTwo(Arrays.copyOf(signature, 32)), 0, variant, 0, 32);
      assertSameDecision(signer.publicKey, message, variant, false);
    }
  }

  @Test
  void aSignatureOnlyTheKeysHolderCanMakeWithTorsionInRIsDecidedAsBouncyCastleDecides() {
    int accepted = 0;
    for (int i = 0; i < 40; i++) {
      Signer signer = new Signer();
      byte[] message = ("torsion " + i).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = signer.signWithTorsionInR(message);
      assertThat(SignatureCheck.JDK.verifies(signer.publicKey, message, signature))
          .as("the JDK checks [S]B = R + [k]A without the cofactor").isFalse();
      boolean bouncyCastle =
          Ed25519.verify(signature, 0, signer.publicKey, 0, message, 0, message.length);
      assertThat(fast.verifies(signer.publicKey, message, signature)).isEqualTo(bouncyCastle);
      accepted += bouncyCastle ? 1 : 0;
    }
    // Bouncy Castle accepts such signatures (with this torsion point, every one here), as RFC
    // 8032's cofactored equation, [8][S]B = [8]R + [8][k]A, does.
    assertThat(accepted).isPositive();
  }

  private void assertSameDecision(byte[] key, byte[] message, byte[] signature, boolean expected) {
    assertThat(SignatureCheck.JDK.verifies(key, message, signature)).isEqualTo(expected);
    assertThat(fast.verifies(key, message, signature)).isEqualTo(expected);
  }

  /** An Ed25519 key whose secret scalar is known, to sign by the formula. */
  private final class Signer {
    final byte[] publicKey = new byte[32];
    final BigInteger scalar;

    Signer() {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      Ed25519.generatePublicKey(seed, 0, publicKey, 0);
      scalar = secretScalar(seed);
    }

    byte[] sign(byte[] message) {
      return sign(message, false);
    }

    /** R = rB + T, T the point of order 2 (0, -1); S = r + k·a for the k of that R. */
    byte[] signWithTorsionInR(byte[] message) {
      return sign(message, true);
    }

    private byte[] sign(byte[] message, boolean torsion) {
      byte[] nonceSeed = new byte[32];
      random.nextBytes(nonceSeed);
      byte[] r = new byte[32];
      Ed25519.generatePublicKey(nonceSeed, 0, r, 0); // [r]B, r known below
      BigInteger nonce = secretScalar(nonceSeed);
      if (torsion) {
        r = plusOrderTwo(r);
      }
      BigInteger k = littleEndian(sha512(r, publicKey, message)).mod(L);
      byte[] signature = Arrays.copyOf(r, 64);
      System.arraycopy(encode(nonce.add(k.multiply(scalar)).mod(L)), 0, signature, 32, 32);
      return signature;
    }
  }

  // (x, y) + (0, -1) = (-x, -y): the other y, and the other sign of x (x is never 0 here).
  private static byte[] plusOrderTwo(byte[] point) {
    byte[] y = point.clone();
    int sign = (y[31] >> 7) & 1;
    y[31] &= 0x7f;
    byte[] negated = encode(P.subtract(littleEndian(y)).mod(P));
    negated[31] |= (byte) ((1 - sign) << 7);
    return negated;
  }

  private static BigInteger secretScalar(byte[] seed) {
    byte[] h = Arrays.copyOf(sha512(seed), 32);
    h[0] &= (byte) 0xf8;
    h[31] &= 0x7f;
    h[31] |= 0x40;
    return littleEndian(h);
  }

  private static byte[] sha512(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger littleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      big[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, big);
  }

  private static byte[] encode(BigInteger value) {
    byte[] big = value.toByteArray();
    byte[] little = new byte[32];
    for (int i = 0; i < little.length && i < big.length; i++) {
      little[i] = big[big.length - 1 - i];
    }
    return little;
  }
}
