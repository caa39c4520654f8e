package dev.tether.vault.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tether.vault.internal.state.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RSA keys the Vault signs web identity tokens with, as an OpenID Connect issuer: one current
 * key, replaced every rotation period; a replaced key stays in the published key set for the
 * retention period, so that a token it signed just before the rotation still verifies at STS. The
 * private keys never leave this object. With {@link PublishedKeys}, the public keys go to the
 * store the replicas share as they are made, and the key set holds every replica's.
 */
public final class OidcSigningKeys {

  static final int RSA_BITS = 2048;

  private final Clock clock;
  private final Duration rotationPeriod;
  private final Duration retention;
  private final PublishedKeys shared; // null: this replica's keys only
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
    this(clock, rotationPeriod, retention, null);
  }

  /**
   * As {@link #OidcSigningKeys(Clock, Duration, Duration)}, publishing through {@code shared}.
   *
   * @throws dev.tether.vault.internal.state.StoreUnavailableException when the first key cannot
   *     be published
   */
  public OidcSigningKeys(
      Clock clock, Duration rotationPeriod, Duration retention, PublishedKeys shared) {
    if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException(
          "the OIDC key rotation period must be positive, not " + rotationPeriod);
    }
    this.clock = clock;
    this.rotationPeriod = rotationPeriod;
    this.retention = retention;
    this.shared = shared;
    rotate();
  }

  /**
   * The key to sign with now; rotates first when the current one has served its period.
   *
   * @throws dev.tether.vault.internal.state.StoreUnavailableException when a new key cannot be
   *     published: no token is signed with a key other replicas could not vouch for
   */
  public synchronized RSAKey signingKey() {
    if (!clock.instant().isBefore(currentSince.plus(rotationPeriod))) {
      rotate();
    }
    return current;
  }

  /**
   * The public keys a verifier needs now: the current one, those still within retention, and
   * (shared) those the other replicas published and still sign with or retain. When the store does
   * not answer, this replica's own: its tokens still verify.
   */
  public JWKSet publicKeys() {
    Map<String, JWK> keys = new LinkedHashMap<>();
    synchronized (this) {
      try {
        signingKey();
      } catch (StoreUnavailableException e) {
        // the rotation waits for the store; the current key verifies meanwhile
      }
      Instant now = clock.instant();
      retired.removeIf(key -> !now.isBefore(key.publishedUntil()));
      keys.put(current.getKeyID(), current.toPublicJWK());
      for (Retired key : retired) {
        keys.put(key.key().getKeyID(), key.key().toPublicJWK());
      }
    }
    if (shared != null) {
      try {
        shared.current().forEach(keys::putIfAbsent);
      } catch (StoreUnavailableException e) {
        // this replica's keys alone
      }
    }
    return new JWKSet(new ArrayList<>(keys.values()));
  }

  /**
   * Replaces the current key now (an operator's rotation, or a suspected compromise). With a
   * shared store, the new key is published before it signs anything, and the replaced one is
   * published again with its shorter end.
   */
  public synchronized void rotate() {
    Instant now = clock.instant();
    RSAKey next = generate();
    if (shared != null) {
      shared.publish(next, now.plus(rotationPeriod).plus(retention));
      if (current != null) {
        shared.publish(current, now.plus(retention));
      }
    }
    if (current != null) {
      retired.add(new Retired(current, now.plus(retention)));
    }
    current = next;
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
