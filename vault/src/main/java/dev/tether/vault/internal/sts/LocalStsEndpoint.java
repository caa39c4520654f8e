package dev.tether.vault.internal.sts;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.vault.internal.http.Accepts;
import dev.tether.vault.internal.http.Bodies;
import dev.tether.vault.internal.http.BodyTooLargeException;
import dev.tether.vault.internal.http.Endpoint;
import dev.tether.vault.internal.http.Responses;
import java.io.IOException;

/** {@code POST /sts}: the local STS over HTTP, answering in STS XML, errors included. */
public final class LocalStsEndpoint implements Endpoint {

  private final LocalSts sts;

  public LocalStsEndpoint(LocalSts sts) {
    this.sts = sts;
  }

  /** The SigV4 signature covers query string, headers and body: the signature check judges them. */
  @Override
  public Accepts accepts() {
    return Accepts.ANYTHING;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try {
      body = Bodies.read(exchange);
    } catch (BodyTooLargeException e) {
      LocalSts.Answer answer = LocalSts.error(413, "RequestEntityTooLarge", e.getMessage());
      Responses.xml(exchange, answer.status(), answer.xml());
      return;
    }
    SignedRequest request =
        new SignedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body);
    LocalSts.Answer answer = sts.answer(request);
    Responses.xml(exchange, answer.status(), answer.xml());
  }
}
