package dev.tether.agent.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.PopVerifier;
import dev.tether.core.pop.SessionProofKey;
import dev.tether.core.replay.UsedOnce;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent does with the session proof key a redemption hands over: keeps it, passes it to
 * nobody, MACs the proofs of requests whose token is already bound with it, and still signs the
 * requests that bind the workload key. Against a loopback stand-in for the Vault that records the
 * proofs it receives.
 */
class VaultClientSessionKeyTest {

  private static final byte[] SESSION_KEY = new byte[SessionProofKey.BYTES];

  static {
    for (int i = 0; i < SESSION_KEY.length; i++) {
      SESSION_KEY[i] = (byte) (i * 7 + 1);
    }
  }

  private final Map<String, String> proofs = new ConcurrentHashMap<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(0), 0); // every interface: see the second test
    server.createContext("/", this::answer);
    server.start();
    System.setProperty("tether.vault.token", "agent-token");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("tether.vault.token");
  }

  @Test
  void keepsTheKeyFromALoopbackRedemptionAndMacsBoundRequestsWithIt() throws Exception {
    VaultClient client = client("http://127.0.0.1:" + port());

    IssuedToken task = client.redeem(redeemRequest());
    assertThatThrownBy(() -> client.awsCredentials(new AwsCredentialsRequest("tool-token", 0)))
        .isInstanceOf(VaultException.class);
    assertThatThrownBy(() -> client.nonce("local")).isInstanceOf(VaultException.class);

    assertThat(client.holdsSessionKey()).isTrue();
    assertThat(task.proofKey()).as("the key is not passed on").isNull();
    assertThat(task.toString()).doesNotContain(encodedKey());
    assertThat(alg(proofs.get("/v1/tasks"))).isEqualTo("EdDSA");
    assertThat(alg(proofs.get("/v1/aws/credentials"))).isEqualTo("HS256");
    assertThat(alg(proofs.get("/v1/attestations/nonces")))
        .as("a request that binds the workload key is still signed with it")
        .isEqualTo("EdDSA");
    // The MAC is the Vault's to check: with the key handed over, for the bound workload key.
    PopVerifier vault = new PopVerifier(30, new UsedOnce(1), (k, d, s) -> false,
        (keyId, thumbprint) -> "k1".equals(keyId) && thumbprint.equals(jkt(client))
            ? SESSION_KEY.clone() : null);
    assertThat(vault.verify(proofs.get("/v1/aws/credentials"), "POST",
        "http://127.0.0.1:" + port() + "/v1/aws/credentials", "tool-token", jkt(client),
        Instant.now().getEpochSecond()).thumbprint()).isEqualTo(jkt(client));
  }

  @Test
  void aKeyHandedOverOnAChannelOthersCanReadIsNotUsed() throws Exception {
    // This machine's own address on a network interface: plain HTTP there is readable by others.
    String address = nonLoopbackAddress();
    assumeTrue(address != null, "this machine has no address but loopback");
    VaultClient client = client("http://" + address + ":" + port());

    client.redeem(redeemRequest());
    assertThatThrownBy(() -> client.awsCredentials(new AwsCredentialsRequest("tool-token", 0)))
        .isInstanceOf(VaultException.class);

    assertThat(client.holdsSessionKey()).isFalse();
    assertThat(alg(proofs.get("/v1/aws/credentials"))).isEqualTo("EdDSA");
  }

  private static String nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    return null;
  }

  private static VaultClient client(String url) {
    return new VaultClient(new VaultEndpoint(
        new VaultConfig(url, null, Duration.ofSeconds(5)), "test.yaml"));
  }

  private static RedeemRequest redeemRequest() {
    return new RedeemRequest("grant-token", "runtime", new Evidence("local", "n", "doc"));
  }

  private void answer(HttpExchange http) throws IOException {
    String path = http.getRequestURI().getPath();
    proofs.put(path, String.valueOf(http.getRequestHeaders().getFirst(PopProofs.HEADER)));
    http.getRequestBody().readAllBytes();
    byte[] body;
    int status;
    if (path.equals("/v1/tasks")) {
      status = 200;
      body = WireJson.write(new IssuedToken("task-token", "tt-1", "task-1",
          Instant.now().plusSeconds(600), null, "k1", encodedKey()));
    } else {
      status = 403;
      body = WireJson.write(new VaultError("test_refused", "recorded"));
    }
    http.getResponseHeaders().set("Content-Type", "application/json");
    http.sendResponseHeaders(status, body.length);
    http.getResponseBody().write(body);
    http.close();
  }

  private int port() {
    return server.getAddress().getPort();
  }

  private static String encodedKey() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(SESSION_KEY);
  }

  private static String jkt(VaultClient client) {
    return client.workloadKey().thumbprint();
  }

  private static String alg(String proof) {
    String header = new String(
        Base64.getUrlDecoder().decode(proof.substring(0, proof.indexOf('.'))),
        StandardCharsets.UTF_8);
    return header.contains("\"alg\":\"HS256\"") ? "HS256"
        : header.contains("\"alg\":\"EdDSA\"") ? "EdDSA" : header;
  }
}
