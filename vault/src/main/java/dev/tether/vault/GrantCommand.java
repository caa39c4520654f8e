package dev.tether.vault;

import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.WireHttp;
import dev.tether.vault.internal.TokenFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code grant}: asks a running Vault for a task grant, as an orchestrator does before it launches
 * an agent runtime, through {@link OrchestratorClient}. The grant goes to stdout, or to a mode-600
 * file; nothing else the command prints is a secret.
 */
final class GrantCommand implements VaultMain.Command {

  static final int TIMEOUT_MILLIS = 10_000;

  private static final Set<String> OPTIONS =
      Set.of(
          "--task",
          "--user",
          "--repo",
          "--tools",
          "--lifetime",
          "--vault",
          "--orchestrator-token-file",
          "--out");
  private static final Set<String> REPEATABLE = Set.of("--repo", "--tools");

  private final URI vault;
  private final String orchestratorToken;
  private final GrantRequest request;
  private final Path outFile;

  private GrantCommand(URI vault, String orchestratorToken, GrantRequest request, Path outFile) {
    this.vault = vault;
    this.orchestratorToken = orchestratorToken;
    this.request = request;
    this.outFile = outFile;
  }

  /**
   * @return {@code null} when the usage was asked for
   * @throws IllegalArgumentException naming what is wrong with the command line
   */
  static GrantCommand parse(String[] args, Map<String, String> env) {
    CommandArgs options = CommandArgs.parse(args, OPTIONS, REPEATABLE);
    if (options.help()) {
      return null;
    }
    String task = required(options, "--task", "the task the grant is for");
    String user = required(options, "--user", "the user the task runs for");
    List<String> repos = list(options, "--repo", "a repository the task may reach");
    List<String> tools = list(options, "--tools", "tools of the Vault's catalogue");
    int lifetime = options.integer("--lifetime", 0);
    if (lifetime < 0) {
      throw new IllegalArgumentException(
          "--lifetime " + lifetime + " is negative; give seconds, or leave it out for the Vault's"
              + " default");
    }
    URI vault = vaultUrl(options.value("--vault"), CommandArgs.env(env, VaultMain.VAULT_URL_ENV));
    String token =
        orchestratorToken(
            options.value("--orchestrator-token-file"),
            CommandArgs.env(env, VaultMain.ORCHESTRATOR_TOKEN_ENV));
    String out = options.value("--out");
    return new GrantCommand(
        vault,
        token,
        new GrantRequest(task, user, repos, tools, lifetime),
        out == null ? null : Path.of(out));
  }

  /** Mints the grant; 0 when it was handed over, 1 when the Vault or the file failed. */
  @Override
  public int run(PrintStream out, PrintStream err) {
    IssuedToken grant;
    try {
      grant = new OrchestratorClient(vault, orchestratorToken, TIMEOUT_MILLIS).grant(request);
    } catch (WireHttp.Failure failure) {
      err.println("tether-vault: " + oneLine(explain(failure)));
      return 1;
    }
    if (outFile == null) {
      out.println(grant.token());
      out.flush();
      return 0;
    }
    try {
      TokenFile.write(outFile, grant.token());
    } catch (IOException e) {
      err.println(
          "tether-vault: the Vault minted grant " + grant.tokenId() + ", but it cannot be"
              + " written to " + outFile + " (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + "); check that the directory exists and is writable, then ask"
              + " for a new grant");
      return 1;
    }
    out.println(
        "grant " + grant.tokenId() + " for task " + grant.taskId() + " expires "
            + grant.expiresAt() + "; written to " + outFile + " (mode 600)");
    out.flush();
    return 0;
  }

  private String explain(WireHttp.Failure failure) {
    switch (failure.status()) {
      case 0:
        return failure.getMessage() + "; check --vault (or " + VaultMain.VAULT_URL_ENV
            + ") and that the Vault is running";
      case 401:
        return "the Vault at " + vault + " refused the orchestrator token (HTTP 401); use the"
            + " token the Vault was started with: " + VaultMain.ORCHESTRATOR_TOKEN_ENV
            + ", or the file its serve --orchestrator-token-file wrote";
      default:
        return "no grant minted: " + failure.getMessage();
    }
  }

  private static String required(CommandArgs options, String name, String what) {
    String value = options.value(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "missing " + name + ": give " + what + " (grant needs --task, --user, --repo and"
              + " --tools)");
    }
    return value.strip();
  }

  /** Repeated options and comma-separated values alike, in order, each once. */
  private static List<String> list(CommandArgs options, String name, String what) {
    Set<String> items = new LinkedHashSet<>();
    for (String value : options.values(name)) {
      for (String item : value.split(",", -1)) {
        if (item.isBlank()) {
          throw new IllegalArgumentException(
              name + " '" + value + "' has an empty name; separate names with single commas");
        }
        items.add(item.strip());
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(
          "missing " + name + ": give " + what + " (repeat it, or separate names with commas)");
    }
    return new ArrayList<>(items);
  }

  private static URI vaultUrl(String option, String env) {
    String value = option != null ? option : env;
    if (value == null) {
      throw new IllegalArgumentException(
          "no Vault to ask: give --vault URL or set " + VaultMain.VAULT_URL_ENV
              + " (the URL that serve printed, e.g. http://127.0.0.1:8200)");
    }
    String source = option != null ? "--vault" : VaultMain.VAULT_URL_ENV;
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          source + " '" + value + "' is not an http(s) URL; give the URL that serve printed, e.g."
              + " http://127.0.0.1:8200");
    }
    // WireHttp appends the path: no trailing slash, or the path would start with two.
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  private static String orchestratorToken(String file, String env) {
    if (file == null) {
      if (env == null) {
        throw new IllegalArgumentException(
            "no orchestrator token: set " + VaultMain.ORCHESTRATOR_TOKEN_ENV
                + " or give --orchestrator-token-file FILE (the file serve"
                + " --orchestrator-token-file wrote)");
      }
      return env;
    }
    String token;
    try {
      token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the orchestrator token file " + file + " (" + e.getClass().getSimpleName()
              + "); give the file serve --orchestrator-token-file wrote, readable by this user");
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException(
          "the orchestrator token file " + file + " is empty; give the file serve"
              + " --orchestrator-token-file wrote");
    }
    return token;
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
