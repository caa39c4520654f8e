package dev.tether.vault.internal.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The GitHub App's own token: a JWT signed RS256 with the App's private key, {@code iss} the App
 * id, issued 60 s in the past (GitHub's advice against clock drift) and valid 9 minutes (GitHub
 * allows at most 10).
 */
final class AppJwt {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private AppJwt() {}

  static String create(long appId, PrivateKey key, long nowEpochSeconds) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims = "{\"iat\":" + (nowEpochSeconds - 60) + ",\"exp\":" + (nowEpochSeconds + 540)
        + ",\"iss\":\"" + appId + "\"}";
    String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.US_ASCII)) + "."
        + B64.encodeToString(claims.getBytes(StandardCharsets.US_ASCII));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the GitHub App JWT: " + e.getMessage(), e);
    }
  }
}
