package dev.tether.vault.internal.grant;

import dev.tether.core.token.ChainRefusal;

/** The HTTP status for each reason a token is refused. */
public final class TokenRefusals {

  private TokenRefusals() {}

  /** 400 when the text is not a token at all; 403 when it is one and the Vault will not honour it. */
  public static int status(ChainRefusal refusal) {
    switch (refusal.reason()) {
      case MALFORMED:
      case TRUNCATED:
        return 400;
      default:
        return 403;
    }
  }
}
