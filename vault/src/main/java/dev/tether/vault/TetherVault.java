package dev.tether.vault;

import dev.tether.core.pop.PopVerifier;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.grant.SessionKeyIssuer;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.core.wire.RevocationStatusRequest;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.vault.internal.github.GitHubTokens;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.VaultWarmUp;
import dev.tether.vault.internal.apitoken.ApiTokenExchange;
import dev.tether.vault.internal.apitoken.IntrospectionEndpoint;
import dev.tether.vault.internal.apitoken.SingleUseTokens;
import dev.tether.vault.internal.exchange.ToolCallCheck;
import dev.tether.vault.internal.attest.AttestationEndpoints;
import dev.tether.vault.internal.attest.Attestations;
import dev.tether.vault.internal.attest.ec2iid.Ec2IidVerifier;
import dev.tether.vault.internal.attest.nitro.NitroVerifier;
import dev.tether.vault.internal.exchange.CredentialExchange;
import dev.tether.vault.internal.exchange.FastEd25519;
import dev.tether.vault.internal.exchange.IssuanceLog;
import dev.tether.vault.internal.exchange.IssuancesEndpoint;
import dev.tether.vault.internal.exchange.ProofCheck;
import dev.tether.vault.internal.exchange.StsGateway;
import dev.tether.vault.internal.exchange.WireEndpoint;
import dev.tether.vault.internal.grant.GrantService;
import dev.tether.vault.internal.http.BearerAuth;
import dev.tether.vault.internal.http.HttpServers;
import dev.tether.vault.internal.http.Responses;
import dev.tether.vault.internal.http.Router;
import dev.tether.vault.internal.revoke.RevocationEndpoints;
import dev.tether.vault.internal.revoke.Revocations;
import dev.tether.vault.internal.state.StoreReplayGuard;
import dev.tether.vault.internal.state.StoreUnavailableException;
import dev.tether.vault.internal.state.Stores;
import dev.tether.vault.internal.state.VaultStore;
import dev.tether.vault.internal.oidc.OidcDocuments;
import dev.tether.vault.internal.oidc.OidcSigningKeys;
import dev.tether.vault.internal.oidc.PublishedKeys;
import dev.tether.vault.internal.oidc.WebIdentityTokens;
import dev.tether.vault.internal.sts.LocalSts;
import dev.tether.vault.internal.sts.LocalStsEndpoint;
import dev.tether.vault.internal.sts.LocalStsInProcess;
import dev.tether.vault.internal.sts.RootCredential;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Token Vault: mints task grants, redeems them for task tokens, and exchanges tool-call tokens
 * (derived offline by the agent, verified here layer by layer) for STS sessions whose session
 * policy is the tool's scope, over HTTP.
 *
 * <p>In {@link VaultSettings.Mode#LOCAL local mode} it also answers the STS query API on {@code
 * /sts}, and its own AWS SDK STS client calls that endpoint over loopback HTTP, signed with a
 * generated root key; pointed at a real STS ({@link VaultSettings.Mode#AWS AWS mode}), the same
 * code obtains real sessions with the SDK's default credentials.
 *
 * <p>Endpoints: {@code POST /v1/grants} (an orchestrator mints a task grant; {@code Authorization:
 * Bearer <orchestrator token>}); {@code POST /v1/attestations/nonces} (a nonce for the requesting
 * workload key), {@code POST /v1/tasks} (an agent redeems its grant, once, with attestation
 * evidence over that nonce, for a task token bound to its key), {@code POST /v1/attestations}
 * (re-attestation), {@code POST /v1/aws/credentials} (a tool-call token for an STS session) and
 * {@code GET /v1/issuances} (these need {@code Authorization: Bearer <agent token>}); {@code POST
 * /v1/revocations} (the orchestrator revokes a task or one tool of it) and {@code POST
 * /v1/revocations/status} (an agent reads its task's revocations); {@code GET /healthz}; and in local mode {@code POST /sts} (also on {@code POST /}, where AWS SDK clients
 * pointed at {@code /sts} actually send).
 *
 * <p>Its state (nonces, bindings, redeemed grants, proofs seen, API tokens, issuances) lives in
 * the store its settings name: this process's memory by default, or a Redis that several replicas
 * share ({@link VaultSettings#withStore}, with the same {@link VaultSettings#withKeys keys}).
 * When that store does not answer, requests that need it are refused with 503 {@code
 * store_unavailable}, and {@code GET /healthz} says so.
 */
public final class TetherVault implements AutoCloseable {

  private static final int HTTP_THREADS = 8;

  /**
   * How every generated issuer name starts: {@code tether-vault/<instance>}. Without {@link
   * VaultSettings#withKeys keys} the root key is random per process, so each Vault process is an
   * issuer of its own, and a grant carried to another Vault is refused as foreign ({@code
   * token_foreign_issuer}) rather than as tampered. Replicas given the same keys are one issuer,
   * the key file's.
   */
  public static final String ISSUER = "tether-vault";

  /** How far an agent's clock may run ahead of the Vault's. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final URI url;
  private final String issuer;
  private final String agentToken;
  private final String orchestratorToken;
  private final ToolCatalogue tools;
  private final IssuanceLog issuances;
  private final LocalSts localSts; // null in AWS mode
  private final HttpServers server;
  private final HttpServers stsServer; // null in AWS mode
  private final StsGateway gateway;
  private final VaultTelemetry telemetry;
  private final Attestations attestations;
  private final Clock tokenClock;
  private final String resourceServerToken;
  private final VaultStore store;
  private final OidcSigningKeys oidcKeys; // null without web identity
  private volatile boolean closed;

  private TetherVault(
      URI url,
      String issuer,
      String agentToken,
      String orchestratorToken,
      ToolCatalogue tools,
      IssuanceLog issuances,
      LocalSts localSts,
      HttpServers server,
      HttpServers stsServer,
      StsGateway gateway,
      VaultTelemetry telemetry,
      Attestations attestations,
      Clock tokenClock,
      String resourceServerToken,
      VaultStore store,
      OidcSigningKeys oidcKeys) {
    this.url = url;
    this.issuer = issuer;
    this.agentToken = agentToken;
    this.orchestratorToken = orchestratorToken;
    this.tools = tools;
    this.issuances = issuances;
    this.localSts = localSts;
    this.server = server;
    this.stsServer = stsServer;
    this.gateway = gateway;
    this.telemetry = telemetry;
    this.attestations = attestations;
    this.tokenClock = tokenClock;
    this.resourceServerToken = resourceServerToken;
    this.store = store;
    this.oidcKeys = oidcKeys;
  }

  /**
   * Starts a Vault and returns once it accepts requests.
   *
   * @throws UncheckedIOException if the address cannot be bound
   * @throws IllegalStateException if the settings' shared store cannot be reached, or would
   *     evict the Vault's records
   * @throws IllegalArgumentException if the settings name a shared store but no keys
   */
  public static TetherVault start(VaultSettings settings) {
    return start(settings, (VaultTls) null);
  }

  /**
   * As {@link #start(VaultSettings)}, serving HTTPS with {@code tls} ({@code null} for plain
   * HTTP): {@link #url()} is then {@code https://…}, and proofs of possession name that URL.
   */
  public static TetherVault start(VaultSettings settings, VaultTls tls) {
    return start(
        settings, VaultTelemetry.fromEnvironment(System.getenv()), Clock.systemUTC(), tls);
  }

  /**
   * As {@link #start(VaultSettings)}, handing every span (one per request, with the decision and
   * a refusal's reason) to {@code spans} as it ends, whatever {@code OTEL_*} says.
   */
  public static TetherVault start(VaultSettings settings, SpanExporter spans) {
    return start(settings, VaultTelemetry.to(spans), Clock.systemUTC(), null);
  }

  /**
   * As {@link #start(VaultSettings)}, with the clock that grants, task tokens and chain checks
   * read, so a test can expire a chain without waiting. STS keeps the system clock: SigV4 compares
   * against the real time the SDK signs with.
   */
  static TetherVault start(VaultSettings settings, Clock tokenClock) {
    return start(settings, VaultTelemetry.none(), tokenClock, null);
  }

  private static TetherVault start(
      VaultSettings settings, VaultTelemetry telemetry, Clock tokenClock, VaultTls tls) {
    String resourceServerToken =
        settings.resourceServerToken() != null
            ? settings.resourceServerToken().strip()
            : RandomTokens.bearerToken();
    String token =
        settings.agentToken() != null ? settings.agentToken().strip() : RandomTokens.bearerToken();
    String orchestratorToken =
        settings.orchestratorToken() != null
            ? settings.orchestratorToken().strip()
            : RandomTokens.bearerToken();
    Clock clock = Clock.systemUTC();
    if (settings.store().shared() && settings.keys() == null) {
      throw new IllegalArgumentException(
          "a shared store (" + settings.store() + ") needs shared keys: give every replica the"
              + " same root keys (VaultSettings.withKeys; serve --key-file FILE, made once with"
              + " 'tether-vault keys generate'), or no replica accepts the tokens another minted");
    }
    IssuerKeys keys =
        settings.keys() != null
            ? settings.keys()
            : IssuerKeys.random(ISSUER + "/" + RandomTokens.id(""));
    String issuer = keys.issuer();
    VaultStore store;
    try {
      store = Stores.open(settings.store(), tokenClock);
    } catch (StoreUnavailableException e) {
      throw new IllegalStateException("cannot start the Vault: its state store " + e.store()
          + " is unavailable (" + e.problem() + "); check --store and that Redis is up", e);
    }
    IssuanceLog issuances = new IssuanceLog(store);
    LocalSts localSts = null;
    HttpServers stsServer = null;
    StsGateway gateway = null;
    HttpServers server = null;
    WebIdentity webIdentity = settings.webIdentity();
    // The issuer URL: configured, or (local mode) the Vault's own, known once it listens.
    AtomicReference<String> oidcIssuer =
        new AtomicReference<>(webIdentity == null ? null : webIdentity.issuer());
    OidcSigningKeys oidcKeys =
        webIdentity == null
            ? null
            : new OidcSigningKeys(clock, webIdentity.keyRotation(), WebIdentity.KEY_RETENTION,
                new PublishedKeys(store, clock, keys));
    WebIdentityTokens webTokens =
        webIdentity == null
            ? null
            : new WebIdentityTokens(oidcIssuer::get, webIdentity.audience(), oidcKeys, clock);
    try {
      if (settings.mode() == VaultSettings.Mode.LOCAL) {
        localSts = new LocalSts(settings.roleArn(), clock);
        // A listener of its own, for STS clients outside the Vault (an AWS SDK StsClient, a Vault
        // in AWS mode pointed here); the Vault's own calls reach the local STS in process, below.
        stsServer =
            HttpServers.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                stsRoutes(new Router(), localSts),
                HTTP_THREADS,
                "tether-vault-sts");
        RootCredential root = localSts.rootCredential();
        URI localStsUrl = URI.create("http://127.0.0.1:" + stsServer.port() + "/sts");
        // Signed as for that listener, but handed to the local STS directly: a loopback socket
        // would add two HTTP stacks and two thread hand-offs to every exchange.
        gateway =
            StsGateway.inProcess(
                new LocalStsInProcess(localSts),
                localStsUrl,
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())),
                webTokens,
                settings.roleArn());
        if (webTokens == null) {
          // Fail at start, not at the first tool call, if the STS path is broken; this also
          // loads and warms the STS client before the first tool waits on it. (With web identity,
          // once the Vault listens: the local STS fetches the issuer's documents from it.)
          gateway.selfCheck();
        }
      } else {
        gateway =
            webTokens != null
                ? StsGateway.withWebIdentity(settings.stsEndpoint(), webTokens, settings.roleArn())
                : new StsGateway(
                    settings.stsEndpoint(),
                    DefaultCredentialsProvider.builder().build(),
                    settings.roleArn());
      }
      VaultWarmUp.run();
      BearerAuth auth = new BearerAuth(token, "agent");
      BearerAuth orchestratorAuth = new BearerAuth(orchestratorToken, "orchestrator");
      ChainVerifier verifier = new ChainVerifier(keys, CLOCK_SKEW);
      ProofCheck proofs =
          new ProofCheck(
              new PopVerifier(CLOCK_SKEW.toSeconds(), new StoreReplayGuard(store, "pop"),
                  new FastEd25519(), keys::sessionProofKey),
              tokenClock);
      Attestations attestations = attestations(settings.attestation(), store);
      Revocations revocations = new Revocations(store, settings.tools());
      ToolCallCheck toolCalls =
          new ToolCallCheck(verifier, proofs, attestations, revocations, tokenClock);
      GrantService grants =
          new GrantService(
              settings.tools(), new TokenMinter(keys), verifier, proofs, attestations,
              new StoreReplayGuard(store, "grant-redeemed"), revocations, new SessionKeyIssuer(keys),
              tokenClock);
      CredentialExchange credentials =
          new CredentialExchange(
              toolCalls, attestations, gateway, issuances, settings.sessionDuration(),
              tokenClock);
      AttestationEndpoints attestation =
          new AttestationEndpoints(attestations, verifier, proofs, token, revocations, tokenClock);
      RevocationEndpoints revocation =
          new RevocationEndpoints(revocations, verifier, proofs, tokenClock);
      SingleUseTokens apiTokens = new SingleUseTokens(store);
      GitHubTokens gitHubTokens = new GitHubTokens(toolCalls, settings.gitHub(), tokenClock);
      ApiTokenExchange apiTokenExchange = new ApiTokenExchange(toolCalls, apiTokens, tokenClock);
      Router router =
          new Router()
              .route(
                  "POST",
                  "/v1/grants",
                  new WireEndpoint<>(
                      "tether.vault.grant", "POST /v1/grants", telemetry, orchestratorAuth, GrantRequest.class, grants::grant))
              .route(
                  "POST",
                  "/v1/tasks",
                  new WireEndpoint<>(
                      "tether.vault.redeem", "POST /v1/tasks", telemetry, auth, RedeemRequest.class, grants::redeem))
              .route(
                  "POST",
                  "/v1/aws/credentials",
                  new WireEndpoint<>(
                      "tether.vault.exchange", "POST /v1/aws/credentials", telemetry, auth, AwsCredentialsRequest.class, credentials::exchange))
              .route(
                  "POST",
                  "/v1/attestations/nonces",
                  new WireEndpoint<>(
                      "tether.vault.nonce", "POST /v1/attestations/nonces", telemetry, auth, NonceRequest.class, attestation::nonce))
              .route(
                  "POST",
                  "/v1/attestations",
                  new WireEndpoint<>(
                      "tether.vault.reattest", "POST /v1/attestations", telemetry, auth, ReattestRequest.class, attestation::reattest))
              .route(
                  "POST",
                  "/v1/api-tokens",
                  new WireEndpoint<>(
                      "tether.vault.api_token", "POST /v1/api-tokens", telemetry, auth,
                      ApiTokenRequest.class, apiTokenExchange::mint))
              .route(
                  "POST",
                  "/v1/github/tokens",
                  new WireEndpoint<>(
                      "tether.vault.github_token", "POST /v1/github/tokens", telemetry, auth,
                      GitHubTokenRequest.class, gitHubTokens::issue))
              .route(
                  "POST",
                  "/v1/introspect",
                  new IntrospectionEndpoint(
                      new BearerAuth(resourceServerToken, "resource server"), apiTokens,
                      revocations, telemetry, tokenClock))
              .route(
                  "POST",
                  "/v1/revocations",
                  new WireEndpoint<>(
                      "tether.vault.revoke", "POST /v1/revocations", telemetry, orchestratorAuth,
                      RevocationRequest.class, revocation::revoke))
              .route(
                  "POST",
                  "/v1/revocations/status",
                  new WireEndpoint<>(
                      "tether.vault.revocation_status", "POST /v1/revocations/status", telemetry,
                      auth, RevocationStatusRequest.class, revocation::status))
              .route("GET", "/v1/issuances", new IssuancesEndpoint(auth, issuances))
              .route("GET", "/healthz", exchange -> health(exchange, store));
      if (oidcKeys != null) {
        OidcDocuments documents = new OidcDocuments(oidcIssuer::get, oidcKeys);
        router
            .route("GET", OidcDocuments.DISCOVERY_PATH,
                exchange -> Responses.json(exchange, 200, documents.discovery()))
            .route("GET", OidcDocuments.JWKS_PATH,
                exchange -> Responses.json(exchange, 200, documents.keySet()));
      }
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
              "tether-vault-http",
              tls == null ? null : tls.context(),
              VaultTls.protocols());
      URI url = URI.create((tls == null ? "http://" : "https://") + urlHost(settings.host()) + ":"
          + server.port());
      if (webIdentity != null && localSts != null) {
        oidcIssuer.compareAndSet(null, url.toString());
        // The local STS plays IAM: the issuer is registered as an OIDC provider there.
        localSts.trustWebIdentityIssuer(oidcIssuer.get(), List.of(webIdentity.audience()));
        gateway.selfCheck();
      }
      return new TetherVault(
          url, issuer, token, orchestratorToken, settings.tools(), issuances, localSts, server,
          stsServer, gateway, telemetry, attestations, tokenClock, resourceServerToken, store,
          oidcKeys);
    } catch (IOException e) {
      closeQuietly(server, stsServer, gateway, telemetry, store);
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
      closeQuietly(server, stsServer, gateway, telemetry, store);
      throw e;
    }
  }

  // For load balancers: 200 while the store answers, 503 naming it when it does not.
  private static void health(com.sun.net.httpserver.HttpExchange exchange, VaultStore store)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    try {
      store.ping();
      body.put("status", "ok");
      body.put("store", store.describe());
      Responses.json(exchange, 200, body);
    } catch (StoreUnavailableException e) {
      body.put("status", "unavailable");
      body.put("store", store.describe());
      body.put("message", e.getMessage());
      Responses.json(exchange, 503, body);
    }
  }

  private static Attestations attestations(AttestationPolicy policy, VaultStore store) {
    Ec2IidVerifier ec2Iid = new Ec2IidVerifier();
    if (policy.accepts(AttestationPolicy.EC2_IID)) {
      ec2Iid.loadTrustAnchors();
    }
    return new Attestations(
        policy, new NitroVerifier(policy.nitroPolicy()), ec2Iid,
        GrantService.MAX_TASK_LIFETIME, store);
  }

  /** Where the Vault listens, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return url;
  }

  /**
   * LOCAL mode: where the local STS's listener is, the endpoint the Vault's STS client signs its
   * requests for (it hands them over in process). Empty in AWS mode.
   */
  public Optional<URI> localStsUrl() {
    return stsServer == null
        ? Optional.empty()
        : Optional.of(URI.create("http://127.0.0.1:" + stsServer.port()));
  }

  /**
   * The issuer name in every grant this Vault mints: the key file's when {@link
   * VaultSettings#withKeys keys} were given (shared by replicas), else {@code
   * tether-vault/<instance>}, unique per process like the root key behind it.
   */
  public String issuer() {
    return issuer;
  }

  /** The bearer token agents present; treat it as a secret. */
  public String agentToken() {
    return agentToken;
  }

  /**
   * The bearer token an orchestrator presents to {@code POST /v1/grants}; treat it as a secret and
   * never give it to the agent runtime.
   */
  public String orchestratorToken() {
    return orchestratorToken;
  }

  /**
   * The bearer token resource servers present to {@code POST /v1/introspect} to check a
   * single-use API token; generated per process. Treat it as a secret; never give it to agents.
   */
  public String resourceServerToken() {
    return resourceServerToken;
  }

  /** The tools grants may name, with the widest scope of each. */
  public ToolCatalogue tools() {
    return tools;
  }

  /**
   * The recent issuances (up to {@value IssuanceLog#CAPACITY}), oldest first: every replica's,
   * with a shared store.
   *
   * @throws IllegalStateException if the shared store does not answer
   */
  public List<Issuance> issuances() {
    try {
      return issuances.snapshot();
    } catch (StoreUnavailableException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
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

  /**
   * Asks every workload bound so far to attest again, as after a change of attestation policy or
   * when evidence is suspect: each binding goes stale now, and the next exchange of each workload
   * is refused as {@code attestation_stale} until it presents fresh evidence (the agent does so
   * by itself and retries).
   *
   * <p>With a shared store this reaches every replica's bindings.
   *
   * @return how many bindings were fresh until now
   * @throws IllegalStateException if the shared store does not answer
   */
  public int requireReattestation() {
    try {
      return attestations.requireReattestation(tokenClock.instant());
    } catch (StoreUnavailableException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The key pair the local STS accepts; for tests in this package. */
  RootCredential localRootCredential() {
    return localSts.rootCredential();
  }

  /** Tests: web identity tokens are signed with a new key from now on, as at a rotation. */
  void rotateWebIdentityKey() {
    oidcKeys.rotate();
  }

  /** The id of the key this Vault signs web identity tokens with now, for tests. */
  String webIdentityKeyId() {
    return oidcKeys.signingKey().getKeyID();
  }

  /** Local mode: registers an OIDC issuer with the local STS, as IAM would. */
  void trustWebIdentityIssuer(String issuer, List<String> audiences) {
    localSts.trustWebIdentityIssuer(issuer, audiences);
  }

  /** The routes this Vault serves, {@code METHOD /path}; docs/vault-api.yaml lists the same. */
  List<String> routes() {
    return ((Router) server.handler()).routes();
  }

  /** Stops accepting requests and releases the port; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(server, stsServer, gateway, telemetry, store);
  }

  @Override
  public String toString() {
    return "TetherVault[url=" + url + ", mode=" + (localSts == null ? "AWS" : "LOCAL")
        + ", store=" + store.describe() + "]";
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
