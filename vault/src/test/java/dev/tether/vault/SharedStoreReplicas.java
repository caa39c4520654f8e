package dev.tether.vault;

import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.state.RedisServer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Vault replicas in this JVM, each on its own port, sharing one real redis-server, one set of root
 * keys and one set of bearer tokens, as replicas in production do. A JUnit extension (register it
 * in a static field): the redis-server runs for the test class, the replicas for one test.
 */
final class SharedStoreReplicas implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  static final String AGENT_TOKEN = "agent-token-shared-by-replicas-0001";
  static final String ORCHESTRATOR_TOKEN = "orchestrator-token-of-replicas-0001";
  static final String RESOURCE_SERVER_TOKEN = "resource-server-token-of-replicas-1";

  private final IssuerKeys keys;
  private final List<TetherVault> started = new ArrayList<>();
  private RedisServer redis;

  /** @param issuer names the shared keys */
  SharedStoreReplicas(String issuer) {
    byte[] root = new byte[32];
    new SecureRandom().nextBytes(root);
    this.keys = new IssuerKeys(issuer, "k1", Map.of("k1", root));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = RedisServer.start();
  }

  TetherVault replica() {
    return replica(null, 0);
  }

  /**
   * @param spans where the replica's spans go, or null for nowhere
   * @param port the port, 0 for an ephemeral one (a restarted replica takes its predecessor's)
   */
  TetherVault replica(SpanExporter spans, int port) {
    return replica(spans, port, UnaryOperator.identity());
  }

  /** A replica whose settings {@code adjust} changes further (web identity, say). */
  TetherVault replica(UnaryOperator<VaultSettings> adjust) {
    return replica(null, 0, adjust);
  }

  private TetherVault replica(SpanExporter spans, int port, UnaryOperator<VaultSettings> adjust) {
    VaultSettings settings = adjust.apply(TokenFlow.settings())
        .withStore(redis.location())
        .withKeys(keys)
        .withAgentToken(AGENT_TOKEN)
        .withOrchestratorToken(ORCHESTRATOR_TOKEN)
        .withResourceServerToken(RESOURCE_SERVER_TOKEN)
        .withPort(port);
    TetherVault vault = spans == null ? TetherVault.start(settings) : TetherVault.start(settings, spans);
    started.add(vault);
    return vault;
  }

  /** Stops every replica the test started (a stopped one again is harmless). */
  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(TetherVault::close);
    started.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    afterEach(context);
    if (redis != null) {
      redis.close();
    }
  }
}
