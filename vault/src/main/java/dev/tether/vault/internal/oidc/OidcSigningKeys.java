package dev.tether.vault.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The RSA keys the Vault signs web identity tokens with, as an OpenID Connect issuer: one current
 * key, replaced every rotation period; a replaced key stays in the published key set for the
 * retention period, so that a token it signed just before the rotation still verifies at STS. The
 * private keys never leave this object.
 */
public final class OidcSigningKeys {

  static final int RSA_BITS = 2048;

  private final Clock clock;
  private final Duration rotationPeriod;
  private final Duration retention;
  private final List<Retired> retired = new ArrayList<>();
  private RSAKey current;
  private Instant currentSince;

  private record Retired(RSAKey key, Instant publishedUntil) {}

  /**
   * @param rotationPeriod how long one key signs before the next replaces it
   * @param retention how long a replaced key stays published: at least the longest lifetime of a
   *     token plus the time a verifier may cache the key set
   */
  public OidcSigningKeys(Clock clock, Duration rotationPeriod, Duration retention) {
    if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException(
          "the OIDC key rotation period must be positive, not " + rotationPeriod);
    }
    this.clock = clock;
    this.rotationPeriod = rotationPeriod;
    this.retention = retention;
    rotate();
  }

  /** The key to sign with now; rotates first when the current one has served its period. */
  public synchronized RSAKey signingKey() {
    if (!clock.instant().isBefore(currentSince.plus(rotationPeriod))) {
      rotate();
    }
    return current;
  }

  /** The public keys a verifier needs now: the current one and those still within retention. */
  public synchronized JWKSet publicKeys() {
    signingKey();
    Instant now = clock.instant();
    retired.removeIf(key -> !now.isBefore(key.publishedUntil()));
    List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
    keys.add(current.toPublicJWK());
    for (Retired key : retired) {
      keys.add(key.key().toPublicJWK());
    }
    return new JWKSet(keys);
  }

  /** Replaces the current key now (an operator's rotation, or a suspected compromise). */
  public synchronized void rotate() {
    Instant now = clock.instant();
    if (current != null) {
      retired.add(new Retired(current, now.plus(retention)));
    }
    current = generate();
    currentSince = now;
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(RSA_BITS)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA signing key: " + e.getMessage(), e);
    }
  }
}
