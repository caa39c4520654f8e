package dev.tether.demo.stack;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.vault.OrchestratorClient;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.AttestationPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import dev.tether.vault.VaultSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;

/**
 * The AWS side of the demo on one machine: the Tether Vault in local mode and a real S3 server
 * (s3proxy over an in-memory jclouds blob store), both on 127.0.0.1 with ephemeral ports.
 *
 * <p>The S3 server accepts two kinds of keys: any unexpired session the Vault issued, and one
 * "platform" key pair made at start, standing for the broad per-task credential a runtime puts in
 * the environment today. It refuses any other key with 403, and records every request it saw.
 */
public final class LocalAwsStack implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  // Key ids look like AWS's (AKIA + 16 of A-Z2-7); secrets are 40 characters of base64.
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final TetherVault vault;
  private final BlobStoreContext blobStoreContext;
  private final S3Proxy s3Proxy;
  private final VaultAwareBlobStoreLocator locator;
  private final URI s3Endpoint;
  private final String platformAccessKeyId;
  private final String platformSecretAccessKey;

  private final LauncherKey launcherKey;
  private final List<LocalLaunch> launches = new CopyOnWriteArrayList<>();

  private LocalAwsStack(
      TetherVault vault,
      BlobStoreContext blobStoreContext,
      S3Proxy s3Proxy,
      VaultAwareBlobStoreLocator locator,
      URI s3Endpoint,
      String platformAccessKeyId,
      String platformSecretAccessKey,
      LauncherKey launcherKey) {
    this.launcherKey = launcherKey;
    this.vault = vault;
    this.blobStoreContext = blobStoreContext;
    this.s3Proxy = s3Proxy;
    this.locator = locator;
    this.s3Endpoint = s3Endpoint;
    this.platformAccessKeyId = platformAccessKeyId;
    this.platformSecretAccessKey = platformSecretAccessKey;
  }

  /** Starts the Vault with no tool catalogue (no grant can be minted) and the S3 server. */
  public static LocalAwsStack start() {
    return start(ToolCatalogue.empty());
  }

  /**
   * Starts the Vault, whose grants may name the catalogue's tools, and the S3 server; close the
   * stack to stop both.
   */
  public static LocalAwsStack start(ToolCatalogue tools) {
    return start(tools, null);
  }

  /**
   * As {@link #start(ToolCatalogue)}, the Vault handing each of its spans (one per request, with
   * the decision and a refusal's reason) to {@code vaultSpans}; {@code null} for none.
   */
  public static LocalAwsStack start(ToolCatalogue tools, SpanExporter vaultSpans) {
    // The stack launches the workloads, so it holds the launcher key the Vault trusts.
    LauncherKey launcherKey = LauncherKey.generate();
    VaultSettings settings = VaultSettings.localDefaults().withTools(tools)
        .withAttestation(AttestationPolicy.defaults().withLauncher(launcherKey.publicKey()));
    TetherVault vault = vaultSpans == null
        ? TetherVault.start(settings)
        : TetherVault.start(settings, vaultSpans);
    BlobStoreContext context = null;
    S3Proxy s3Proxy = null;
    try {
      SecureRandom random = new SecureRandom();
      String platformAccessKeyId = "AKIA" + randomText(random, 16, UPPER_ALNUM);
      String platformSecret = randomText(random, 40, SECRET_ALPHABET);
      context =
          ContextBuilder.newBuilder("transient")
              .credentials("local", "local")
              .buildView(BlobStoreContext.class);
      BlobStore blobStore = context.getBlobStore();
      VaultAwareBlobStoreLocator locator =
          new VaultAwareBlobStoreLocator(
              vault, platformAccessKeyId, platformSecret, blobStore, Clock.systemUTC());
      s3Proxy =
          S3Proxy.builder()
              .blobStore(blobStore)
              .endpoint(URI.create("http://" + LOOPBACK + ":0"))
              .awsAuthentication(
                  AuthenticationType.AWS_V2_OR_V4, platformAccessKeyId, platformSecret)
              .build();
      s3Proxy.setBlobStoreLocator(locator);
      s3Proxy.start();
      URI endpoint = URI.create("http://" + LOOPBACK + ":" + s3Proxy.getPort());
      return new LocalAwsStack(
          vault, context, s3Proxy, locator, endpoint, platformAccessKeyId, platformSecret,
          launcherKey);
    } catch (Exception e) {
      stopQuietly(s3Proxy);
      if (context != null) {
        context.close();
      }
      vault.close();
      throw new IllegalStateException(
          "Could not start the local S3 server (s3proxy) on " + LOOPBACK + ": " + e, e);
    }
  }

  /**
   * What an orchestrator does before it launches the agent runtime: asks the Vault for a task
   * grant over HTTP, with the orchestrator's credential. Hand the result to the runtime as {@code
   * TETHER_TASK_GRANT} (or {@code -Dtether.task.grant}).
   *
   * @throws IllegalStateException with the Vault's reason
   */
  public String grant(String taskId, String userId, List<String> repos, List<String> tools) {
    try {
      return new OrchestratorClient(vault.url(), vault.orchestratorToken(), 5_000)
          .grant(new GrantRequest(taskId, userId, repos, tools, 0))
          .token();
    } catch (WireHttp.Failure e) {
      throw new IllegalStateException("the local Vault refused the grant: " + e.getMessage());
    }
  }

  /** A grant for every tool of the Vault's catalogue. */
  public String grantAllTools(String taskId, String userId, List<String> repos) {
    return grant(taskId, userId, repos, List.copyOf(vault.tools().tools().keySet()));
  }

  /**
   * What a launcher does for each workload it starts: a local attestor, with a ticket for that
   * workload alone. Its evidence is signed with the stack's launcher key, which the stack's Vault
   * trusts. Closed with the stack.
   *
   * @param workload the launcher's label for the workload, e.g. {@code pid 4242}
   */
  public LocalLaunch launch(String workload) {
    LocalLaunch launch = new LocalLaunch(launcherKey, workload);
    launches.add(launch);
    return launch;
  }

  /** The S3 endpoint to pass to {@code endpointOverride}; use path-style addressing. */
  public URI s3Endpoint() {
    return s3Endpoint;
  }

  public TetherVault vault() {
    return vault;
  }

  /** The broad key a runtime would put in the environment today. */
  public String platformAccessKeyId() {
    return platformAccessKeyId;
  }

  /** The platform key's secret: hand it to an SDK, never print it. */
  public String platformSecretAccessKey() {
    return platformSecretAccessKey;
  }

  /** Every request the S3 server saw so far, accepted or rejected, in arrival order. */
  public List<ReceivedRequest> requests() {
    return locator.requests();
  }

  /** Creates {@code bucket} if it does not exist yet, bypassing S3 (nothing is recorded). */
  public void createBucket(String bucket) {
    blobStoreContext.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** Creates the bucket if needed and stores {@code content} (UTF-8) at {@code key}. */
  public void seed(String bucket, String key, String content) {
    createBucket(bucket);
    BlobStore blobStore = blobStoreContext.getBlobStore();
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Blob blob =
        blobStore
            .blobBuilder(key)
            .payload(bytes)
            .contentLength(bytes.length)
            .contentType("text/plain")
            .build();
    blobStore.putBlob(bucket, blob);
  }

  @Override
  public void close() {
    for (LocalLaunch launch : launches) {
      launch.close();
    }
    try {
      s3Proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the local S3 server: " + e, e);
    } finally {
      blobStoreContext.close();
      vault.close();
    }
  }

  private static void stopQuietly(S3Proxy s3Proxy) {
    if (s3Proxy == null) {
      return;
    }
    try {
      s3Proxy.stop();
    } catch (Exception ignored) {
      // Already failing to start: the start failure is the one to report.
    }
  }

  private static String randomText(SecureRandom random, int length, String alphabet) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
