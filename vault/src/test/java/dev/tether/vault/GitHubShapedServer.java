package dev.tether.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server shaped like GitHub's {@code POST /app/installations/{id}/access_tokens}: it
 * checks the App JWT (RS256 with the App's public key, {@code iss} the App id, not expired) and
 * answers 201 with a token for what was asked, as GitHub documents; or, when told to, for one
 * repository more than asked.
 */
final class GitHubShapedServer implements AutoCloseable {

  /** One request as received, after its JWT verified. */
  record Received(long installation, List<String> repositories, JsonNode permissions) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final PublicKey appKey;
  private final long appId;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  volatile boolean grantExtraRepository;

  GitHubShapedServer(long appId, PublicKey appKey) throws IOException {
    this.appId = appId;
    this.appKey = appKey;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/app/installations/", this::accessTokens);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return received;
  }

  private void accessTokens(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      if (!exchange.getRequestMethod().equals("POST") || path.length != 5
          || !path[4].equals("access_tokens")) {
        answer(exchange, 404, "{\"message\":\"Not Found\"}");
        return;
      }
      String problem = jwtProblem(exchange.getRequestHeaders().getFirst("Authorization"));
      if (problem != null) {
        answer(exchange, 401, "{\"message\":\"" + problem + "\"}");
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      List<String> repositories = JSON.convertValue(body.path("repositories"),
          JSON.getTypeFactory().constructCollectionType(List.class, String.class));
      long installation = Long.parseLong(path[3]);
      received.add(new Received(installation, repositories, body.path("permissions")));
      ObjectNode token = JSON.createObjectNode();
      token.put("token", "ghs_" + Long.toHexString(System.nanoTime()));
      token.put("expires_at", Instant.now().plusSeconds(3600).toString());
      token.set("permissions", body.path("permissions"));
      token.put("repository_selection", "selected");
      ArrayNode repos = token.putArray("repositories");
      for (String name : repositories) {
        repos.addObject().put("name", name).put("full_name", "acme/" + name);
      }
      if (grantExtraRepository) {
        repos.addObject().put("name", "secrets").put("full_name", "acme/secrets");
      }
      answer(exchange, 201, JSON.writeValueAsString(token));
    }
  }

  private String jwtProblem(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return "A JSON web token could not be decoded";
    }
    String[] parts = authorization.substring(7).split("\\.");
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(appKey);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return "'Issuer' claim ('iss') must be an Integer";
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      long now = Instant.now().getEpochSecond();
      if (!claims.path("iss").asText().equals(Long.toString(appId))
          || claims.path("exp").asLong() <= now || claims.path("exp").asLong() - now > 600
          || claims.path("iat").asLong() > now) {
        return "'Expiration time' claim ('exp') is too far in the future";
      }
      return null;
    } catch (Exception e) {
      return "A JSON web token could not be decoded";
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
