package dev.tether.vault.internal.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.exchange.RequestTarget;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionKeyIssuerTest {

  private final IssuerKeys keys = IssuerKeys.random("test");
  private final SessionKeyIssuer issuer = new SessionKeyIssuer(keys);

  @Test
  void handsTheKeyOverOnlyOnAConfidentialChannel() {
    RequestTarget readable = new RequestTarget("POST", "http://vault:8787/v1/tasks", "p", false);
    RequestTarget confidential =
        new RequestTarget("POST", "http://127.0.0.1:8787/v1/tasks", "p", true);

    assertThat(issuer.issue("jkt-1", readable)).isNull();
    SessionKeyIssuer.Issued issued = issuer.issue("jkt-1", confidential);
    assertThat(issued.keyId()).isEqualTo(keys.currentKeyId());
    assertThat(Base64.getUrlDecoder().decode(issued.key()))
        .isEqualTo(keys.sessionProofKey(keys.currentKeyId(), "jkt-1"));
    assertThat(issued.toString()).doesNotContain(issued.key());
  }

  @Test
  void eachWorkloadKeyGetsItsOwnSessionKey() {
    RequestTarget confidential = new RequestTarget("POST", "https://vault/v1/tasks", "p", true);

    assertThat(issuer.issue("jkt-1", confidential).key())
        .isNotEqualTo(issuer.issue("jkt-2", confidential).key());
  }
}
