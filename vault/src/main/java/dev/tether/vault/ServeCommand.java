package dev.tether.vault;

import dev.tether.vault.internal.TokenFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: runs the Vault until the process is stopped. The agent and orchestrator tokens
 * come from the environment or are generated; either way they leave the process only through the
 * token files, never on stdout.
 */
final class ServeCommand implements VaultMain.Command {

  private static final Set<String> OPTIONS = options();

  private final VaultSettings settings;
  private final Path tokenFile;
  private final Path orchestratorTokenFile;
  private final Path resourceServerTokenFile;
  private VaultTls tls; // null: plain HTTP

  private ServeCommand(
      VaultSettings settings, Path tokenFile, Path orchestratorTokenFile,
      Path resourceServerTokenFile) {
    this.settings = settings;
    this.tokenFile = tokenFile;
    this.orchestratorTokenFile = orchestratorTokenFile;
    this.resourceServerTokenFile = resourceServerTokenFile;
  }

  /**
   * @return {@code null} when the usage was asked for
   * @throws IllegalArgumentException naming what is wrong with the command line
   */
  static ServeCommand parse(String[] args, Map<String, String> env) {
    CommandArgs options = CommandArgs.parse(args, OPTIONS, AttestationOptions.REPEATABLE);
    if (options.help()) {
      return null;
    }
    Path tokenFile = path(options.value("--token-file"));
    Path orchestratorTokenFile = path(options.value("--orchestrator-token-file"));
    String agentToken = CommandArgs.env(env, VaultMain.TOKEN_ENV);
    String orchestratorToken = CommandArgs.env(env, VaultMain.ORCHESTRATOR_TOKEN_ENV);
    String resourceServerToken = CommandArgs.env(env, VaultMain.RESOURCE_SERVER_TOKEN_ENV);
    StoreLocation store = StoreOption.parse(options.value("--store"), env);
    if (store.shared()) {
      requireSharedToken(agentToken, VaultMain.TOKEN_ENV, "agent", store);
      requireSharedToken(orchestratorToken, VaultMain.ORCHESTRATOR_TOKEN_ENV, "orchestrator",
          store);
      requireSharedToken(resourceServerToken, VaultMain.RESOURCE_SERVER_TOKEN_ENV,
          "resource-server", store);
      if (options.value("--key-file") == null) {
        throw new IllegalArgumentException(
            "--store " + store + " is shared by replicas, and replicas must MAC tokens with the"
                + " same keys: give --key-file FILE (make it once with 'tether-vault keys"
                + " generate --out FILE' and give every replica a copy)");
      }
    }
    if (agentToken == null && tokenFile == null) {
      throw new IllegalArgumentException(
          "no way to hand the agent token to agents: set " + VaultMain.TOKEN_ENV
              + " or give --token-file FILE (the token is never printed)");
    }
    if (orchestratorToken == null && orchestratorTokenFile == null) {
      throw new IllegalArgumentException(
          "no way to hand the orchestrator token to the orchestrator: set "
              + VaultMain.ORCHESTRATOR_TOKEN_ENV
              + " or give --orchestrator-token-file FILE (the token is never printed)");
    }
    if (tokenFile != null
        && orchestratorTokenFile != null
        && tokenFile.toAbsolutePath().normalize()
            .equals(orchestratorTokenFile.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "--token-file and --orchestrator-token-file name the same file; give each its own:"
              + " the agent must never hold the orchestrator token");
    }
    Integer seconds =
        options.value("--session-duration") == null
            ? null
            : options.integer("--session-duration", 0);
    String toolsFile = options.value("--tools-file");
    // ToolCatalogue and VaultSettings check the values and explain what is wrong.
    VaultSettings.Mode mode = mode(options.value("--mode"));
    VaultSettings settings =
        new VaultSettings(
            options.value("--host"),
            options.integer("--port", 0),
            mode,
            uri(options.value("--sts-endpoint")),
            options.value("--role-arn"),
            agentToken,
            seconds == null ? null : Duration.ofSeconds(seconds),
            orchestratorToken,
            toolsFile == null ? null : ToolCatalogue.read(Path.of(toolsFile)),
            null,
            null);
    settings = settings.withAttestation(AttestationOptions.parse(options, mode))
        .withStore(store)
        .withResourceServerToken(resourceServerToken);
    String keyFile = options.value("--key-file");
    if (keyFile != null) {
      settings = settings.withKeys(VaultKeys.read(Path.of(keyFile)));
    }
    settings = settings.withWebIdentity(webIdentity(options));
    String gitHubApp = options.value("--github-app");
    if (gitHubApp != null) {
      settings = settings.withGitHub(GitHubApp.read(Path.of(gitHubApp)));
    }
    return new ServeCommand(settings, tokenFile, orchestratorTokenFile,
        path(options.value("--resource-server-token-file"))).withTls(tls(options));
  }

  private ServeCommand withTls(VaultTls serverTls) {
    this.tls = serverTls;
    return this;
  }

  /**
   * {@code --aws-auth assume-role|web-identity}, and for web identity {@code --oidc-issuer URL},
   * {@code --oidc-audience ID}, {@code --oidc-key-rotation HOURS}.
   */
  private static WebIdentity webIdentity(CommandArgs options) {
    String auth = options.value("--aws-auth");
    boolean oidcOptions = options.value("--oidc-issuer") != null
        || options.value("--oidc-audience") != null
        || options.value("--oidc-key-rotation") != null;
    if (auth == null || auth.equals("assume-role")) {
      if (oidcOptions) {
        throw new IllegalArgumentException(
            "--oidc-issuer, --oidc-audience and --oidc-key-rotation go with --aws-auth"
                + " web-identity; add it, or drop them to sign AssumeRole with the Vault's own"
                + " credentials");
      }
      return null;
    }
    if (!auth.equals("web-identity")) {
      throw new IllegalArgumentException(
          "--aws-auth must be assume-role (the Vault's credentials sign AssumeRole; the default)"
              + " or web-identity (the Vault is an OIDC issuer; AssumeRoleWithWebIdentity), not '"
              + auth + "'");
    }
    String rotation = options.value("--oidc-key-rotation");
    return new WebIdentity(
        options.value("--oidc-issuer"),
        options.value("--oidc-audience"),
        rotation == null ? null : Duration.ofHours(options.integer("--oidc-key-rotation", 1)));
  }

  /** {@code --tls-cert FILE --tls-key FILE}: both or neither. */
  private static VaultTls tls(CommandArgs options) {
    String certificate = options.value("--tls-cert");
    String key = options.value("--tls-key");
    if (certificate == null && key == null) {
      return null;
    }
    if (certificate == null || key == null) {
      throw new IllegalArgumentException(
          "TLS needs both --tls-cert FILE (the PEM certificate chain, server certificate first)"
              + " and --tls-key FILE (its PEM private key); "
              + (certificate == null ? "--tls-cert" : "--tls-key") + " is missing");
    }
    return VaultTls.fromPem(Path.of(certificate), Path.of(key));
  }

  private static Set<String> options() {
    Set<String> options = new java.util.HashSet<>(Set.of(
        "--host",
        "--port",
        "--mode",
        "--sts-endpoint",
        "--role-arn",
        "--session-duration",
        "--tools-file",
        "--token-file",
        "--orchestrator-token-file",
        "--resource-server-token-file",
        "--github-app",
        "--store",
        "--key-file",
        "--tls-cert",
        "--tls-key",
        "--aws-auth",
        "--oidc-issuer",
        "--oidc-audience",
        "--oidc-key-rotation"));
    options.addAll(AttestationOptions.OPTIONS);
    return Set.copyOf(options);
  }

  /** Starts the Vault, hands the tokens over, and blocks until the process is stopped. */
  @Override
  public int run(PrintStream out, PrintStream err) {
    TetherVault vault;
    try {
      vault = TetherVault.start(settings, tls);
    } catch (UncheckedIOException e) {
      err.println("tether-vault: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) { // an OTEL_* setting the Vault cannot use
      err.println("tether-vault: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) { // the store cannot be reached, or is unfit
      err.println("tether-vault: " + e.getMessage());
      return 1;
    }
    if (!writeToken(err, vault, tokenFile, vault.agentToken(), "agent")
        || !writeToken(err, vault, orchestratorTokenFile, vault.orchestratorToken(),
            "orchestrator")
        || !writeToken(err, vault, resourceServerTokenFile, vault.resourceServerToken(),
            "resource server")) {
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vault.close();
                  stopped.countDown();
                },
                "tether-vault-shutdown"));
    out.println(
        "Tether Vault ("
            + settings.mode().name().toLowerCase(Locale.ROOT)
            + " mode"
            + (settings.store().shared() ? ", store " + settings.store() : "")
            + ") listening on "
            + vault.url());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vault.close();
    }
    return 0;
  }

  private static boolean writeToken(
      PrintStream err, TetherVault vault, Path file, String token, String holder) {
    if (file == null) {
      return true;
    }
    try {
      TokenFile.write(file, token);
      return true;
    } catch (IOException e) {
      vault.close();
      err.println(
          "tether-vault: cannot write the " + holder + " token file " + file + " ("
              + e.getClass().getSimpleName() + ": " + e.getMessage()
              + "); check that its directory exists and is writable");
      return false;
    }
  }

  // Generated tokens differ per replica: an agent would be refused by every replica but one.
  private static void requireSharedToken(
      String token, String env, String holder, StoreLocation store) {
    if (token == null) {
      throw new IllegalArgumentException(
          "--store " + store + " is shared by replicas, and every replica must accept the same "
              + holder + " token: set " + env + " (the same value for every replica)");
    }
  }

  private static Path path(String value) {
    return value == null ? null : Path.of(value);
  }

  private static VaultSettings.Mode mode(String value) {
    if (value == null) {
      return VaultSettings.Mode.LOCAL;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "local":
        return VaultSettings.Mode.LOCAL;
      case "aws":
        return VaultSettings.Mode.AWS;
      default:
        throw new IllegalArgumentException("--mode must be local or aws, not '" + value + "'");
    }
  }

  private static URI uri(String value) {
    if (value == null) {
      return null;
    }
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sts-endpoint '" + value + "' is not a valid URL");
    }
  }
}
