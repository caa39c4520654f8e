package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.wire.VaultError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <agent token>}. Compares SHA-256 digests in constant time, so
 * neither the content nor the length of the token leaks through timing.
 */
public final class BearerAuth {

  private static final String PREFIX = "Bearer ";

  private final byte[] expectedDigest;
  private final String holder;

  /** @param holder who holds the token, for messages: "agent" or "orchestrator" */
  public BearerAuth(String token, String holder) {
    this.expectedDigest = sha256(token);
    this.holder = holder;
  }

  /** Whether the exchange is authorized; if not, it has been answered with 401. */
  public boolean check(HttpExchange exchange) throws IOException {
    String problem = problem(exchange);
    if (problem == null) {
      return true;
    }
    refuse(exchange, problem);
    return false;
  }

  /** What is wrong with the exchange's bearer token, or {@code null} when it is this one. */
  public String problem(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || header.isBlank()) {
      return "missing Authorization header";
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return "the Authorization header is not a Bearer token";
    }
    if (!MessageDigest.isEqual(expectedDigest, sha256(header.substring(PREFIX.length()).trim()))) {
      return "the bearer token is not this Vault's " + holder + " token";
    }
    return null;
  }

  /** Answers 401 for {@code problem}, saying which token to send. */
  public void refuse(HttpExchange exchange, String problem) throws IOException {
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"tether-vault\"");
    Responses.error(
        exchange,
        401,
        VaultError.UNAUTHORIZED,
        problem
            + "; send 'Authorization: Bearer <"
            + holder
            + " token>' with the "
            + holder
            + " token the Vault was started with ("
            + (holder.equals("agent")
                ? "TETHER_VAULT_TOKEN or its --token-file"
                : holder.equals("orchestrator")
                    ? "TETHER_ORCHESTRATOR_TOKEN or its --orchestrator-token-file"
                    : "its --resource-server-token-file")
            + ")");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
