package dev.tether.vault.internal.exchange;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.Responses;
import dev.tether.vault.internal.state.StoreUnavailableException;
import java.io.IOException;

/** {@code GET /v1/issuances}: the recent issuances, oldest first, without secrets. */
public final class IssuancesEndpoint implements Endpoint {

  private final BearerAuth auth;
  private final IssuanceLog log;

  public IssuancesEndpoint(BearerAuth auth, IssuanceLog log) {
    this.auth = auth;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    if (auth.check(http)) {
      try {
        Responses.json(http, 200, log.snapshot());
      } catch (StoreUnavailableException down) {
        Responses.error(http, 503, StoreUnavailableException.CODE, down.getMessage());
      }
    }
  }
}
