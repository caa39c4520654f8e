package dev.tether.vault.internal.exchange;

import dev.tether.core.pop.PopRefused;
import dev.tether.core.pop.PopVerifier;
import java.time.Clock;

/** Checks a request's proof of possession, answering 401 with the proof's own reason if it fails. */
public final class ProofCheck {

  private final PopVerifier verifier;
  private final Clock clock;

  public ProofCheck(PopVerifier verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  /**
   * @param boundKey the thumbprint the token is bound to, or {@code null} when this request binds
   *     one (redemption)
   * @return the thumbprint of the key that signed the proof
   */
  public String check(RequestTarget target, String token, String boundKey) throws ExchangeRefused {
    return check(target, token, boundKey, false);
  }

  /**
   * As {@link #check}, for a request that re-binds the key {@code boundKey} (a re-attestation):
   * the proof must be signed with it, not MACed with its session proof key.
   */
  public String checkSigned(RequestTarget target, String token, String boundKey)
      throws ExchangeRefused {
    return check(target, token, boundKey, true);
  }

  private String check(RequestTarget target, String token, String boundKey, boolean signed)
      throws ExchangeRefused {
    long now = clock.instant().getEpochSecond();
    try {
      PopVerifier.Verified verified = signed
          ? verifier.verifySigned(
              target.proof(), target.method(), target.url(), token, boundKey, now)
          : verifier.verify(target.proof(), target.method(), target.url(), token, boundKey, now);
      return verified.thumbprint();
    } catch (PopRefused e) {
      // 403, not 401: the JDK client drops the body of a 401 it cannot retry, and with it the reason.
      throw new ExchangeRefused(403, e.reason().code(), "proof of possession refused: " + e.getMessage());
    }
  }
}
