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
    try {
      return verifier
          .verify(
              target.proof(), target.method(), target.url(), token, boundKey,
              clock.instant().getEpochSecond())
          .thumbprint();
    } catch (PopRefused e) {
      // 403, not 401: the JDK client drops the body of a 401 it cannot retry, and with it the reason.
      throw new ExchangeRefused(403, e.reason().code(), "proof of possession refused: " + e.getMessage());
    }
  }
}
