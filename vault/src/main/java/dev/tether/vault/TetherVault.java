package dev.tether.vault;

import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.exchange.CredentialExchange;
import dev.tether.vault.internal.exchange.CredentialsEndpoint;
import dev.tether.vault.internal.exchange.IssuanceLog;
import dev.tether.vault.internal.exchange.IssuancesEndpoint;
import dev.tether.vault.internal.exchange.StsGateway;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.HttpServers;
import dev.tether.vault.internal.http.Responses;
import dev.tether.vault.internal.http.Router;
import dev.tether.vault.internal.sts.LocalSts;
import dev.tether.vault.internal.sts.LocalStsEndpoint;
import dev.tether.vault.internal.sts.RootCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Token Vault: exchanges a tool call's AWS scope for an STS session whose session policy is
 * that scope, over HTTP.
 *
 * <p>In {@link VaultSettings.Mode#LOCAL local mode} it also answers the STS query API on {@code
 * /sts}, and its own AWS SDK STS client calls that endpoint over loopback HTTP, signed with a
 * generated root key; pointed at a real STS ({@link VaultSettings.Mode#AWS AWS mode}), the same
 * code obtains real sessions with the SDK's default credentials.
 *
 * <p>Endpoints: {@code POST /v1/aws/credentials} and {@code GET /v1/issuances} (both need {@code
 * Authorization: Bearer <agent token>}), {@code GET /healthz}, and in local mode {@code POST /sts}
 * (also on {@code POST /}, where AWS SDK clients pointed at {@code /sts} actually send).
 */
public final class TetherVault implements AutoCloseable {

  private static final int HTTP_THREADS = 8;

  private final URI url;
  private final String agentToken;
  private final IssuanceLog issuances;
  private final LocalSts localSts; // null in AWS mode
  private final HttpServers server;
  private final HttpServers stsServer; // null in AWS mode
  private final StsGateway gateway;
  private volatile boolean closed;

  private TetherVault(
      URI url,
      String agentToken,
      IssuanceLog issuances,
      LocalSts localSts,
      HttpServers server,
      HttpServers stsServer,
      StsGateway gateway) {
    this.url = url;
    this.agentToken = agentToken;
    this.issuances = issuances;
    this.localSts = localSts;
    this.server = server;
    this.stsServer = stsServer;
    this.gateway = gateway;
  }

  /**
   * Starts a Vault and returns once it accepts requests.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static TetherVault start(VaultSettings settings) {
    String token =
        settings.agentToken() != null ? settings.agentToken().strip() : RandomTokens.bearerToken();
    Clock clock = Clock.systemUTC();
    IssuanceLog issuances = new IssuanceLog();
    LocalSts localSts = null;
    HttpServers stsServer = null;
    StsGateway gateway = null;
    HttpServers server = null;
    try {
      if (settings.mode() == VaultSettings.Mode.LOCAL) {
        localSts = new LocalSts(settings.roleArn(), clock);
        // The Vault's own STS calls get a listener and threads of their own: were they queued
        // behind the credential requests that wait for them, a burst would deadlock the pool.
        stsServer =
            HttpServers.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                stsRoutes(new Router(), localSts),
                HTTP_THREADS,
                "tether-vault-sts");
        RootCredential root = localSts.rootCredential();
        gateway =
            new StsGateway(
                URI.create("http://127.0.0.1:" + stsServer.port() + "/sts"),
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())),
                settings.roleArn());
        announceLocalSts(stsServer.port());
        // Fail at start, not at the first tool call, if the STS path is broken; this also loads
        // the SDK's STS client before the first tool waits on it.
        gateway.selfCheck();
      } else {
        gateway =
            new StsGateway(
                settings.stsEndpoint(),
                DefaultCredentialsProvider.builder().build(),
                settings.roleArn());
      }
      BearerAuth auth = new BearerAuth(token);
      Router router =
          new Router()
              .route(
                  "POST",
                  "/v1/aws/credentials",
                  new CredentialsEndpoint(
                      auth,
                      new CredentialExchange(
                          gateway, issuances, settings.sessionDuration(), clock)))
              .route("GET", "/v1/issuances", new IssuancesEndpoint(auth, issuances))
              .route(
                  "GET",
                  "/healthz",
                  exchange -> Responses.json(exchange, 200, Map.of("status", "ok")));
      if (localSts != null) {
        stsRoutes(router, localSts);
      } else {
        String reason =
            "this Vault runs in AWS mode and does not answer STS; the local STS (/sts) exists"
                + " only in local mode";
        router.unavailable("/sts", reason).unavailable("/sts/", reason).unavailable("/", reason);
      }
      server =
          HttpServers.start(
              new InetSocketAddress(settings.host(), settings.port()),
              router,
              HTTP_THREADS,
              "tether-vault-http");
      URI url = URI.create("http://" + urlHost(settings.host()) + ":" + server.port());
      return new TetherVault(url, token, issuances, localSts, server, stsServer, gateway);
    } catch (IOException e) {
      closeQuietly(server, stsServer, gateway);
      throw new UncheckedIOException(
          "cannot start the Vault on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); choose a free port, or 0 for an ephemeral one",
          e);
    } catch (RuntimeException e) {
      closeQuietly(server, stsServer, gateway);
      throw e;
    }
  }

  /** The system property through which a Tether agent in this JVM learns of the local STS. */
  public static final String STS_URL_PROPERTY = "tether.vault.sts-url";

  /**
   * A Vault embedded in the same JVM as a Tether agent makes AWS SDK calls of its own (to its local
   * STS). The agent must leave those alone, and can only tell them apart by their endpoint, so the
   * Vault announces it. An application cannot widen anything by changing it: requests to that
   * endpoint are merely left as the client built them, and the ambient credential providers stay
   * guarded.
   */
  private static void announceLocalSts(int port) {
    System.setProperty(STS_URL_PROPERTY, "http://127.0.0.1:" + port);
  }

  /** Where the Vault listens, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return url;
  }

  /**
   * LOCAL mode: where the Vault's own STS listener is, the endpoint its STS client calls. The Vault
   * announces it to a Tether agent in the same JVM through {@link #STS_URL_PROPERTY} (the latest
   * Vault started wins), so that the agent leaves the Vault's own AWS traffic alone. Empty in AWS
   * mode.
   */
  public Optional<URI> localStsUrl() {
    return stsServer == null
        ? Optional.empty()
        : Optional.of(URI.create("http://127.0.0.1:" + stsServer.port()));
  }

  /** The bearer token agents present; treat it as a secret. */
  public String agentToken() {
    return agentToken;
  }

  /** The recent issuances (up to {@value IssuanceLog#CAPACITY}), oldest first. */
  public List<Issuance> issuances() {
    return issuances.snapshot();
  }

  /**
   * The session the local STS issued under {@code accessKeyId}, secret included, so that a local
   * AWS-compatible server can verify SigV4 and enforce the session policy. Empty in AWS mode and
   * for unknown keys; an expired session stays visible for an hour, check {@link
   * LocalSession#isExpiredAt}.
   */
  public Optional<LocalSession> localSession(String accessKeyId) {
    return localSts == null ? Optional.empty() : localSts.session(accessKeyId);
  }

  /** The key pair the local STS accepts; for tests in this package. */
  RootCredential localRootCredential() {
    return localSts.rootCredential();
  }

  /** Stops accepting requests and releases the port; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    localStsUrl()
        .map(URI::toString)
        .filter(ours -> ours.equals(System.getProperty(STS_URL_PROPERTY)))
        .ifPresent(ours -> System.clearProperty(STS_URL_PROPERTY));
    closeQuietly(server, stsServer, gateway);
  }

  @Override
  public String toString() {
    return "TetherVault[url=" + url + ", mode=" + (localSts == null ? "AWS" : "LOCAL") + "]";
  }

  // "/" too: the SDK's query-protocol marshaller drops the path of an endpoint override
  // (aws/aws-sdk-java-v2#3387), so a client pointed at url()/sts posts to "/".
  private static Router stsRoutes(Router router, LocalSts sts) {
    LocalStsEndpoint endpoint = new LocalStsEndpoint(sts);
    return router
        .route("POST", "/sts", endpoint)
        .route("POST", "/sts/", endpoint)
        .route("POST", "/", endpoint);
  }

  // A wildcard bind address is not somewhere to send requests: point at loopback instead.
  private static String urlHost(String host) {
    String bound = host;
    try {
      if (InetAddress.getByName(host).isAnyLocalAddress()) {
        bound = VaultSettings.LOOPBACK;
      }
    } catch (IOException e) {
      // Bound already, so it resolves; keep it as given.
    }
    return bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound;
  }

  private static void closeQuietly(AutoCloseable... closeables) {
    for (AutoCloseable closeable : closeables) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          // Closing is best effort: the rest must still be closed.
        }
      }
    }
  }
}
