package dev.tether.vault;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.IssuerKeys;
import dev.tether.core.wire.WireHttp;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.load.ExchangeKind;
import dev.tether.vault.internal.load.LoadPlan;
import dev.tether.vault.internal.load.LoadReport;
import dev.tether.vault.internal.load.LoadRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code load}: measures a Vault's exchanges per second and their latency. Starts a Vault in this
 * process (local mode; the memory store, or {@code --store redis://…}) or targets a running one
 * ({@code --vault URL}), sets tasks up as their parties do (grant, nonce, local attestation,
 * redemption with a proof of possession), then fires exchanges with tool-call tokens from
 * concurrent clients, each request with its own proof. Prints one summary line; exit 1 if any
 * exchange failed.
 */
final class LoadCommand implements VaultMain.Command {

  /** The tool of the embedded Vault's catalogue. */
  static final String TOOL = "load.read_object";

  private static final Set<String> OPTIONS = Set.of(
      "--kind", "--store", "--vault", "--launcher-key", "--tool", "--tasks", "--concurrency",
      "--warmup", "--duration", "--requests", "--json", "--proofs");

  private final LoadPlan plan;
  private final StoreLocation store; // embedded Vault; null with --vault
  private final URI vault; // null: embedded
  private final Path launcherKey;
  private final Map<String, String> env;
  private final Path json;

  private LoadCommand(LoadPlan plan, StoreLocation store, URI vault, Path launcherKey,
      Map<String, String> env, Path json) {
    this.plan = plan;
    this.store = store;
    this.vault = vault;
    this.launcherKey = launcherKey;
    this.env = env;
    this.json = json;
  }

  /**
   * @return {@code null} when the usage was asked for
   * @throws IllegalArgumentException naming what is wrong with the command line
   */
  static LoadCommand parse(String[] args, Map<String, String> env) {
    CommandArgs options = CommandArgs.parse(args, OPTIONS, Set.of());
    if (options.help()) {
      return null;
    }
    String vaultUrl = options.value("--vault");
    URI vault = null;
    StoreLocation store = null;
    Path launcherKey = null;
    String tool = options.value("--tool");
    if (vaultUrl == null) {
      if (options.value("--launcher-key") != null || tool != null) {
        throw new IllegalArgumentException("--launcher-key and --tool go with --vault URL; the"
            + " embedded Vault trusts a launcher key of its own and has tool " + TOOL);
      }
      store = StoreOption.parse(options.value("--store"), env);
      tool = TOOL;
    } else {
      if (options.value("--store") != null) {
        throw new IllegalArgumentException("--store is for the embedded Vault; a running Vault"
            + " (--vault) has its own store");
      }
      vault = vaultUrl(vaultUrl);
      if (options.value("--launcher-key") == null || tool == null) {
        throw new IllegalArgumentException("--vault needs --launcher-key FILE (a launcher key"
            + " whose FILE.pub the Vault trusts: serve --local-attestor-key FILE.pub; made by"
            + " 'tether-agent.jar launch --key FILE') and --tool NAME (a tool of its catalogue)");
      }
      launcherKey = Path.of(options.value("--launcher-key"));
      for (String name : List.of(VaultMain.TOKEN_ENV, VaultMain.ORCHESTRATOR_TOKEN_ENV)) {
        if (CommandArgs.env(env, name) == null) {
          throw new IllegalArgumentException("--vault needs the Vault's agent and orchestrator"
              + " tokens: set " + VaultMain.TOKEN_ENV + " and " + VaultMain.ORCHESTRATOR_TOKEN_ENV
              + " (" + name + " is not set)");
        }
      }
    }
    int requests = options.integer("--requests", 0);
    if (options.value("--requests") != null && options.value("--duration") != null) {
      throw new IllegalArgumentException("give --duration or --requests, not both");
    }
    if (options.value("--requests") != null && requests < 1) {
      throw new IllegalArgumentException("--requests must be at least 1, not " + requests);
    }
    Duration warmup = AttestationOptions.duration(options, "--warmup");
    Duration duration = AttestationOptions.duration(options, "--duration");
    LoadPlan plan = new LoadPlan(
        ExchangeKind.parse(options.value("--kind") == null ? "api-token"
            : options.value("--kind")),
        options.integer("--concurrency", 32),
        options.integer("--tasks", 16),
        warmup == null ? Duration.ofSeconds(5) : warmup,
        duration == null ? Duration.ofSeconds(10) : duration,
        requests,
        tool,
        sessionProofs(options.value("--proofs")));
    String jsonFile = options.value("--json");
    return new LoadCommand(plan, store, vault, launcherKey, env,
        jsonFile == null ? null : Path.of(jsonFile));
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    String loadBefore = LoadRun.loadAverage();
    LoadReport report;
    try {
      report = vault == null ? embedded(loadBefore) : remote(loadBefore);
    } catch (WireHttp.Failure e) {
      err.println("tether-vault: load: setting a task up failed: " + e.getMessage());
      return 1;
    } catch (IllegalStateException | UncheckedIOException e) {
      err.println("tether-vault: load: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("tether-vault: load: cannot read launcher key " + launcherKey + " ("
          + e.getMessage() + ")");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("tether-vault: load: interrupted");
      return 1;
    }
    out.println(report.summary());
    out.flush();
    if (json != null) {
      try {
        Files.writeString(json, report.json() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("tether-vault: load: cannot write " + json + " (" + e.getMessage() + ")");
        return 1;
      }
    }
    if (report.errorCount() > 0) {
      err.println("tether-vault: load: " + report.errorCount() + " exchanges failed; every"
          + " exchange of a load run must succeed (the summary line names what was refused)");
      String advice = report.advice();
      if (advice != null) {
        err.println("tether-vault: load: " + advice);
      }
      return 1;
    }
    return 0;
  }

  private LoadReport embedded(String loadBefore) throws WireHttp.Failure, InterruptedException {
    LauncherKey launcher = LauncherKey.generate();
    VaultSettings settings = VaultSettings.localDefaults()
        .withTools(ToolCatalogue.of(Map.of(TOOL, new AwsScope(
            List.of("s3:GetObject"), List.of("arn:aws:s3:::tether-load/${task.id}/*")))))
        .withAttestation(AttestationPolicy.defaults().withLauncher(launcher.publicKey()))
        .withStore(store);
    if (store.shared()) {
      // One Vault, but a shared store takes keys as replicas would share them.
      settings = settings.withKeys(
          IssuerKeys.random(TetherVault.ISSUER + "/" + RandomTokens.id("load-")));
    }
    try (TetherVault started = TetherVault.start(settings)) {
      return LoadRun.run(started.url(), started.agentToken(), started.orchestratorToken(),
          launcher, "embedded Vault, store " + store, plan, loadBefore);
    }
  }

  private LoadReport remote(String loadBefore)
      throws WireHttp.Failure, InterruptedException, IOException {
    return LoadRun.run(vault, CommandArgs.env(env, VaultMain.TOKEN_ENV),
        CommandArgs.env(env, VaultMain.ORCHESTRATOR_TOKEN_ENV), LauncherKey.load(launcherKey),
        "Vault at " + vault, plan, loadBefore);
  }


  private static boolean sessionProofs(String value) {
    if (value == null || value.equals("session")) {
      return true;
    }
    if (value.equals("signed")) {
      return false;
    }
    throw new IllegalArgumentException("--proofs must be session (MACs under the session proof"
        + " key the Vault hands over at redemption, as the agent proves) or signed (an Ed25519"
        + " signature on every proof), not '" + value + "'");
  }

  private static URI vaultUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--vault '" + value + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
      throw new IllegalArgumentException("--vault must be http://HOST:PORT (plain HTTP, with the"
          + " port, no path), not '" + value + "'");
    }
    return uri;
  }
}
