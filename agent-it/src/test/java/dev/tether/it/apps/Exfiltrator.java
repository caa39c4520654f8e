package dev.tether.it.apps;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.token.Attenuation;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Another process, on another "machine": it holds one artifact taken out of the workload (and, to
 * make its life easy, the agent's bearer token and the launch ticket) and tries every use of it it
 * can. It has its own key, never the workload's. Prints {@code REFUSED <status> <code>} for each
 * attempt the Vault (or the launcher) refused, {@code ACCEPTED <what>} for any that worked.
 *
 * <p>Usage: {@code Exfiltrator CASE VAULT_URL AGENT_TOKEN LOOT_DIR}
 */
public final class Exfiltrator {

  private static final WorkloadKey OWN_KEY = WorkloadKey.generate();
  private static URI vault;
  private static String agentToken;

  public static void main(String[] args) throws Exception {
    String attack = args[0];
    vault = URI.create(args[1]);
    agentToken = args[2];
    Path loot = Path.of(args[3]);
    switch (attack) {
      case "grant":
        redeemStolenGrant(read(loot, "grant"), read(loot, "attestor"), read(loot, "ticket"));
        break;
      case "task":
        exchange(toolCall(LayeredToken.parse(read(loot, "task")), "call-x1"));
        reattest(read(loot, "task"));
        break;
      case "turn":
        exchange(toolCall(LayeredToken.parse(read(loot, "turn")), "call-x2"));
        break;
      case "call":
        exchange(LayeredToken.parse(read(loot, "call")));
        break;
      case "proof":
        replay(read(loot, "captured-call"), read(loot, "captured-proof"));
        break;
      case "api-token":
        int status = LeakyToolApp.get(URI.create(read(loot, "api-url")), read(loot, "api-token"));
        System.out.println(status == 200 ? "ACCEPTED api token" : "REFUSED " + status
            + " inactive (resource server)");
        break;
      default:
        throw new IllegalArgumentException("unknown attack " + attack);
    }
  }

  /** With the grant, the launcher's address and its ticket: evidence for my key, then redeem. */
  private static void redeemStolenGrant(String grant, String attestor, String ticket)
      throws Exception {
    String nonce = nonce();
    String body = "{\"ticket\":\"" + ticket + "\",\"nonce\":\"" + nonce + "\",\"jkt\":\""
        + OWN_KEY.thumbprint() + "\"}";
    HttpResponse<String> evidence = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(attestor + "/v1/evidence"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (evidence.statusCode() == 200) {
      System.out.println("ACCEPTED launcher evidence for a foreign key");
    } else {
      System.out.println("REFUSED " + evidence.statusCode() + " "
          + code(evidence.body()) + " (launcher)");
    }
    try {
      IssuedToken task = WireHttp.post(vault, "/v1/tasks", agentToken, 5_000,
          new RedeemRequest(grant, "attacker", null), IssuedToken.class,
          url -> PopProofs.create(OWN_KEY, "POST", url, grant, now()));
      System.out.println("ACCEPTED task token " + task.tokenId());
    } catch (WireHttp.Failure e) {
      System.out.println("REFUSED " + e.status() + " " + e.code());
    }
    try {
      IssuedToken task = WireHttp.post(vault, "/v1/tasks", agentToken, 5_000,
          new RedeemRequest(grant, "attacker", new Evidence("local", nonce(), "tla1.e30.AA")),
          IssuedToken.class, url -> PopProofs.create(OWN_KEY, "POST", url, grant, now()));
      System.out.println("ACCEPTED task token " + task.tokenId());
    } catch (WireHttp.Failure e) {
      System.out.println("REFUSED " + e.status() + " " + e.code());
    }
  }

  /** A tool-call layer under a stolen token, derived offline as the agent would. */
  private static LayeredToken toolCall(LayeredToken parent, String id) throws Exception {
    long now = now();
    String tool = parent.last().tools().keySet().iterator().next();
    return Attenuation.derive(parent, new TokenLayer(LayerKind.TOOL, id, parent.last().id(), null,
        null, null, null, "tool:" + tool, now, Math.min(now + 60, parent.last().expiresAt()),
        parent.last().repos(), Map.of(tool, ToolRights.inherited())));
  }

  private static void exchange(LayeredToken call) {
    String token = call.encode();
    try {
      AwsCredentialsResponse credentials = WireHttp.post(vault, "/v1/aws/credentials", agentToken,
          5_000, new AwsCredentialsRequest(token, 900), AwsCredentialsResponse.class,
          url -> PopProofs.create(OWN_KEY, "POST", url, token, now()));
      System.out.println("ACCEPTED credentials " + credentials.accessKeyId());
    } catch (WireHttp.Failure e) {
      System.out.println("REFUSED " + e.status() + " " + e.code());
    }
  }

  /** Renew the stolen task's binding with my key. */
  private static void reattest(String task) throws Exception {
    try {
      Binding binding = WireHttp.post(vault, "/v1/attestations", agentToken, 5_000,
          new ReattestRequest(task, new Evidence("local", nonce(), "tla1.e30.AA")), Binding.class,
          url -> PopProofs.create(OWN_KEY, "POST", url, task, now()));
      System.out.println("ACCEPTED binding " + binding.id());
    } catch (WireHttp.Failure e) {
      System.out.println("REFUSED " + e.status() + " " + e.code());
    }
  }

  /** The exact request the workload sent, proof and all, sent again. */
  private static void replay(String requestBody, String proof) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(vault.resolve("/v1/aws/credentials"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + agentToken)
            .header(PopProofs.HEADER, proof)
            .POST(HttpRequest.BodyPublishers.ofString(requestBody)).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println(answer.statusCode() == 200
        ? "ACCEPTED replayed request"
        : "REFUSED " + answer.statusCode() + " " + code(answer.body()));
  }

  private static String nonce() throws WireHttp.Failure {
    return WireHttp.post(vault, "/v1/attestations/nonces", agentToken, 5_000,
        new NonceRequest("local"), AttestationNonce.class,
        url -> PopProofs.create(OWN_KEY, "POST", url, agentToken, now())).nonce();
  }

  private static String code(String errorBody) {
    int at = errorBody.indexOf("\"error\":\"");
    return at < 0 ? "?" : errorBody.substring(at + 9, errorBody.indexOf('"', at + 9));
  }

  private static String read(Path loot, String name) throws Exception {
    return Files.readString(loot.resolve(name), StandardCharsets.UTF_8).strip();
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private Exfiltrator() {}

  static List<String> attacks() {
    return List.of("proof", "grant", "task", "turn", "call", "api-token");
  }
}
