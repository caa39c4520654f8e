package dev.tether.vault.internal.grant;

import dev.tether.core.token.ChainRefusal;
import dev.tether.vault.internal.exchange.ExchangeRefused;

/** The HTTP status for each reason a token is refused. */
public final class TokenRefusals {

  private TokenRefusals() {}

  /**
   * The answer to a refused token: its status, its reason's code, and the message.
   *
   * @param what what was presented, for the message, e.g. {@code the grant}
   */
  public static ExchangeRefused refused(String what, ChainRefusal refusal) {
    return new ExchangeRefused(status(refusal), refusal.reason().code(),
        what + " is refused: " + refusal.getMessage());
  }

  /** 400 when the text is not a token at all; 403 when it is one and the Vault will not honour it. */
  static int status(ChainRefusal refusal) {
    switch (refusal.reason()) {
      case MALFORMED:
      case TRUNCATED:
        return 400;
      default:
        return 403;
    }
  }
}
